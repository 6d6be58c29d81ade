package dev.modelfleet.gguf.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfleet.gguf.GgmlType;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path dir;

  @Test
  void failureMidwayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path target = dir.resolve("model.gguf");
    Files.writeString(target, "old version");
    assertThatThrownBy(
            () ->
                AtomicFile.write(
                    target,
                    out -> {
                      out.write(new byte[3 << 20]);
                      throw new IOException("No space left on device");
                    }))
        .hasMessageContaining("No space left");
    assertThat(Files.readString(target)).isEqualTo("old version");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void anInterruptedGenerateSaysSoAndLeavesTheOldFile() throws IOException {
    Path target = dir.resolve("model.gguf");
    Files.writeString(target, "old version");
    // Interrupted once a few chunks are written, on the thread that writes (as a cancel does).
    ProgressListener cancel =
        (done, total) -> {
          if (done > 4 << 20) {
            Thread.currentThread().interrupt();
          }
        };
    try {
      assertThatThrownBy(
              () ->
                  ModelGenerator.generate(
                      ModelSpec.forSize(64 << 20, GgmlType.Q8_0, 1), target, cancel, 2))
          .isInstanceOf(InterruptedIOException.class)
          .hasMessage(
              "writing " + target.toAbsolutePath() + " was interrupted; that file is unchanged");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(Files.readString(target)).isEqualTo("old version");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void successReplacesTheFileWhole() throws IOException {
    Path target = dir.resolve("model.gguf");
    Files.writeString(target, "old version");
    AtomicFile.write(
        target,
        out -> {
          out.write("new".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          return null;
        });
    assertThat(Files.readString(target)).isEqualTo("new");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }
}
