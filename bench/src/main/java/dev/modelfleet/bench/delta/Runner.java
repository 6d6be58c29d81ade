package dev.modelfleet.bench.delta;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Runs a command under GNU time and reads its wall time and peak RSS. */
final class Runner {
  private static final Pattern GC_BEFORE = Pattern.compile("(\\d+)M->\\d+M\\(\\d+M\\)");

  private final Path scratch;

  Runner(Path scratch) {
    this.scratch = scratch;
  }

  /**
   * Runs {@code command}; stdout goes to {@code stdout} (or is discarded).
   *
   * @throws IOException if the command fails
   */
  Measured run(List<String> command, @Nullable Path stdout, @Nullable Path gcLog)
      throws IOException {
    Path timing = scratch.resolve("time.txt");
    Path err = scratch.resolve("stderr.txt");
    List<String> full =
        new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M %U %S", "-o", timing.toString()));
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full);
    pb.redirectError(err.toFile());
    pb.redirectOutput(
        stdout == null
            ? ProcessBuilder.Redirect.DISCARD
            : ProcessBuilder.Redirect.to(stdout.toFile()));
    Process p = pb.start();
    int code;
    try {
      code = p.waitFor();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (code != 0) {
      throw new IOException(
          String.join(" ", command)
              + " exited with "
              + code
              + ": "
              + Files.readString(err, StandardCharsets.UTF_8).strip());
    }
    String[] t = Files.readString(timing, StandardCharsets.UTF_8).strip().split("\\s+");
    int n = t.length;
    double seconds = Double.parseDouble(t[n - 4]);
    long rss = Long.parseLong(t[n - 3]);
    double cpu = Double.parseDouble(t[n - 2]) + Double.parseDouble(t[n - 1]);
    return new Measured(seconds, cpu, rss, gcLog == null ? null : peakHeapMb(gcLog));
  }

  /** The largest heap occupancy before a collection in a {@code -Xlog:gc} log, in MB. */
  static @Nullable Long peakHeapMb(Path gcLog) throws IOException {
    if (!Files.exists(gcLog)) {
      return null;
    }
    long max = -1;
    Matcher m = GC_BEFORE.matcher(Files.readString(gcLog, StandardCharsets.UTF_8));
    while (m.find()) {
      max = Math.max(max, Long.parseLong(m.group(1)));
    }
    return max < 0 ? null : max;
  }
}
