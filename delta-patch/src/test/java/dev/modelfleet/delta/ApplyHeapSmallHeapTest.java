package dev.modelfleet.delta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfleet.delta.apply.ApplyResult;
import dev.modelfleet.delta.apply.PatchApplier;
import dev.modelfleet.delta.create.EncodeSummary;
import dev.modelfleet.delta.create.PatchEncoder;
import dev.modelfleet.delta.testing.Models;
import dev.modelfleet.gguf.GgmlType;
import dev.modelfleet.gguf.generate.DeriveSpec;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The applier's heap does not grow with the model: a fine-tuned model four times larger than the
 * whole heap (this class runs with {@code -Xmx32m}, see the {@code small-heap} execution) is
 * patched, and the heap's peak stays under the limit.
 */
class ApplyHeapSmallHeapTest {
  @TempDir Path dir;

  @Test
  void aModelFourTimesTheHeapIsPatchedWithinIt() throws IOException {
    long max = Runtime.getRuntime().maxMemory();
    // The small-heap execution runs this class with -Xmx32m; elsewhere (-Dtest=...) it skips.
    Assumptions.assumeTrue(max <= 34L << 20, "needs -Xmx32m");
    Path a = dir.resolve("a.gguf");
    Path b = dir.resolve("b.gguf");
    Models.generate(a, 128L << 20, GgmlType.Q8_0, 1);
    Models.derive(a, b, DeriveSpec.builder().finetune(0.01).seed(2).build());
    Path patch = dir.resolve("p");
    EncodeSummary s =
        PatchEncoder.builder().threads(1).sectionBytes(256 << 10).build().encode(a, b, patch);
    assertThat(s.targetSize()).isGreaterThan(4 * max);

    resetPeaks();
    ApplyResult r = PatchApplier.create().apply(a, patch, dir.resolve("out.gguf"));
    long peak = heapPeak();

    System.out.printf(
        "applied a %d MiB target in a %d MiB heap; peak heap %.1f MiB%n",
        r.size() >> 20, max >> 20, peak / 1048576.0);
    assertThat(r.size()).isEqualTo(Files.size(b));
    assertThat(sameContent(b, dir.resolve("out.gguf"))).isTrue();
    assertThat(peak).as("peak heap during the apply").isLessThanOrEqualTo(32L << 20);
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  private static long heapPeak() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static boolean sameContent(Path x, Path y) throws IOException {
    try (InputStream a = Files.newInputStream(x);
        InputStream b = Files.newInputStream(y)) {
      byte[] ba = new byte[1 << 16];
      byte[] bb = new byte[1 << 16];
      while (true) {
        int na = a.readNBytes(ba, 0, ba.length);
        int nb = b.readNBytes(bb, 0, bb.length);
        if (na != nb || !Arrays.equals(ba, 0, na, bb, 0, nb)) {
          return false;
        }
        if (na == 0) {
          return true;
        }
      }
    }
  }
}
