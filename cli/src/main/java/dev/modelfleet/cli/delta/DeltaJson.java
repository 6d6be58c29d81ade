package dev.modelfleet.cli.delta;

import dev.modelfleet.delta.Sha256;
import dev.modelfleet.signing.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;

/** JSON building blocks shared by the delta commands. */
final class DeltaJson {
  private DeltaJson() {}

  static JsonObject file(Path path, long size, Sha256 sha256) {
    return JsonObject.builder()
        .put("path", path.toString())
        .put("size", size)
        .put("sha256", sha256.hex())
        .build();
  }

  static JsonObject counts(long operations, long targetBytes) {
    return JsonObject.builder().put("count", operations).put("targetBytes", targetBytes).build();
  }

  static BigDecimal seconds(Duration d) {
    return BigDecimal.valueOf(d.toNanos(), 9).setScale(3, RoundingMode.HALF_UP);
  }

  static BigDecimal ratio(long part, long whole) {
    if (whole == 0) {
      return BigDecimal.ZERO;
    }
    return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 6, RoundingMode.HALF_UP);
  }
}
