package dev.modelfleet.delta.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfleet.delta.create.PatchEncoder;
import dev.modelfleet.delta.testing.SlowApply;
import dev.modelfleet.delta.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An apply killed with SIGKILL in the middle of writing (a separate JVM, so nothing of it runs
 * after the kill): the installed target is untouched, at most a {@code .partial} file is left, and
 * the next apply to the same target removes it and succeeds.
 */
class KillTest {
  @TempDir Path dir;

  /** Applies {@code SOURCE PATCH OUT}, slowly: 20 ms per section, a device that is busy. */
  public static void main(String[] args) throws Exception {
    PatchApplier.builder()
        .listener(SlowApply.listener(20))
        .build()
        .apply(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
  }

  @Test
  void aKilledApplyLeavesTheInstalledTargetAndAtMostAPartialFile() throws Exception {
    // Unrelated files: the patch is about 96 literal sections, so the slowed apply takes ~2 s.
    byte[] a = TestFiles.random(11, 24 << 20);
    byte[] b = TestFiles.random(12, 24 << 20);
    Path source = TestFiles.write(dir.resolve("source"), a);
    Path target = TestFiles.write(dir.resolve("target"), b);
    Path patch = dir.resolve("patch");
    PatchEncoder.builder().sectionBytes(256 << 10).build().encode(source, target, patch);
    Path models = Files.createDirectories(dir.resolve("models"));
    Path installed = Files.writeString(models.resolve("model.gguf"), "the installed model");

    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KillTest.class.getName(),
                source.toString(),
                patch.toString(),
                installed.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("apply.log").toFile())
            .start();
    long partialBytes = waitForPartialOf(models, 4 << 20, p);
    p.destroyForcibly(); // SIGKILL on Unix
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(partialBytes).as("the apply was killed while writing").isLessThan(b.length);

    assertThat(Files.readString(installed)).isEqualTo("the installed model");
    try (Stream<Path> files = Files.list(models)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .allMatch(n -> n.equals("model.gguf") || n.endsWith(".partial"));
    }
    PatchApplier.create().apply(source, patch, installed);
    assertThat(Files.readAllBytes(installed)).isEqualTo(b);
    assertThat(list(models)).as("the killed apply's partial file is gone").hasSize(1);
  }

  /** Waits until a {@code .partial} file in {@code dir} holds {@code atLeast} bytes; its size. */
  private static long waitForPartialOf(Path dir, long atLeast, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      assertThat(p.isAlive()).as("the apply ended before it could be killed").isTrue();
      for (Path f : list(dir)) {
        long size = sizeOrZero(f);
        if (f.getFileName().toString().endsWith(".partial") && size >= atLeast) {
          return size;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no partial file of " + atLeast + " bytes appeared");
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  private static long sizeOrZero(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return 0;
    }
  }
}
