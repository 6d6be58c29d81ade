package dev.modelfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.modelfleet.delta.create.PatchEncoder;
import dev.modelfleet.gguf.GgmlType;
import dev.modelfleet.gguf.generate.ModelGenerator;
import dev.modelfleet.gguf.generate.ModelSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) and SIGTERM in the middle of writing a large file, in a real {@code modelfleet}
 * process: it stops with the signal's exit status, says what was interrupted, and leaves the file
 * it was replacing as it was, with no temporary file beside it.
 */
class StopSignalTest {
  @TempDir Path dir;
  private Path out;

  @BeforeEach
  void onUnix() throws IOException {
    assumeThat(System.getProperty("os.name")).as("signals are a Unix thing").doesNotContain("Win");
    out = Files.createDirectories(dir.resolve("out"));
  }

  @Test
  void sigtermStopsAGenerateAndLeavesTheOldModel() throws Exception {
    Path model = Files.writeString(out.resolve("model.gguf"), "the old model");
    // About 4 s of work on this machine; it is stopped once 16 MiB are written.
    Process p =
        modelfleet(
            "gguf",
            "generate",
            "--out",
            model.toString(),
            "--size-mb",
            "1024",
            "--quant",
            "Q8_0",
            "--force");
    waitForPartialFile(p, 16 << 20);
    p.destroy(); // SIGTERM

    assertStopped(p, 128 + 15, "writing " + model + " was interrupted; that file is unchanged");
    assertThat(Files.readString(model)).isEqualTo("the old model");
  }

  @Test
  void ctrlCStopsADeltaApplyAndLeavesTheInstalledModel() throws Exception {
    Path older = dir.resolve("older.gguf");
    Path newer = dir.resolve("newer.gguf");
    Path patch = dir.resolve("update.mfdelta");
    // Unrelated models: a patch of literal sections that a single thread takes a while to decode.
    ModelGenerator.generate(ModelSpec.forSize(256 << 20, GgmlType.Q8_0, 1), older);
    ModelGenerator.generate(ModelSpec.forSize(256 << 20, GgmlType.Q8_0, 2), newer);
    PatchEncoder.create().encode(older, newer, patch);
    Path installed = Files.writeString(out.resolve("model.gguf"), "the installed model");

    Process p =
        modelfleet(
            "delta",
            "apply",
            "--threads",
            "1",
            "--from",
            older.toString(),
            "--patch",
            patch.toString(),
            "--out",
            installed.toString(),
            "--force");
    waitForPartialFile(p, 16 << 20);
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
    assertThat(kill.waitFor()).isZero();

    assertStopped(
        p, 128 + 2, "the apply to " + installed + " was interrupted; that file is unchanged");
    assertThat(Files.readString(installed)).isEqualTo("the installed model");
  }

  /** The process ended soon with that exit code and message, and left no file beside the model. */
  private void assertStopped(Process p, int exitCode, String message)
      throws IOException, InterruptedException {
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(dir.resolve("log"), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(log).isEqualTo(exitCode);
    assertThat(log).contains("modelfleet: " + message);
    assertThat(names(out)).containsExactly("model.gguf");
  }

  /** Starts {@code modelfleet ARGS} in its own JVM, output and errors to {@code dir/log}. */
  private Process modelfleet(String... args) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("log").toFile())
        .start();
  }

  /** Waits until a {@code .partial} file in {@code out} holds {@code atLeast} bytes. */
  private void waitForPartialFile(Process p, long atLeast) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      assertThat(p.isAlive())
          .as("ended before it could be stopped: %s", Files.readString(dir.resolve("log")))
          .isTrue();
      try (Stream<Path> files = Files.list(out)) {
        if (files.anyMatch(f -> f.toString().endsWith(".partial") && sizeOrZero(f) >= atLeast)) {
          return;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no partial file of " + atLeast + " bytes appeared");
  }

  private static long sizeOrZero(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return 0;
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
