package dev.modelfleet.delta.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelfleet.delta.testing.TestFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real direct I/O on the test's temporary directory. Where the platform does not offer it, {@link
 * DirectFileWriter#open} returns null and these tests are skipped (they run on Linux CI).
 */
class DirectFileWriterTest {
  private static final int BUFFER = DirectFileWriter.BUFFER;

  @TempDir Path dir;

  DirectFileWriter open(Path file) throws IOException {
    Files.createFile(file);
    DirectFileWriter w = DirectFileWriter.open(file);
    assumeTrue(w != null, "no direct I/O for " + file);
    return w;
  }

  @Test
  void isAvailableOnLinux() throws IOException {
    assumeTrue(System.getProperty("os.name").startsWith("Linux"));
    Path file = Files.createFile(dir.resolve("f"));
    try (DirectFileWriter w = DirectFileWriter.open(file)) {
      assertThat(w).as("direct I/O on %s", Files.getFileStore(file).type()).isNotNull();
      assertThat(Files.size(file)).as("after the probe write").isZero();
    }
  }

  @Test
  void aFileSystemThatOpensForDirectIoButFailsTheWritesGetsNoWriter() throws IOException {
    Path file = Files.createFile(dir.resolve("f"));
    AtomicReference<FileChannel> probed = new AtomicReference<>();
    DirectFileWriter w =
        DirectFileWriter.open(
            file,
            (channel, align) -> {
              probed.set(channel);
              throw new IOException("Invalid argument"); // what such a FUSE file system answers
            });
    assertThat(w).isNull();
    assumeTrue(probed.get() != null, "no direct I/O for " + file);
    assertThat(probed.get().isOpen()).as("the probed channel is closed").isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4095, 4096, 4097, BUFFER - 1, BUFFER, BUFFER + 1, 3 * BUFFER + 12_345})
  void theFileHoldsExactlyTheBytesAppendedInPiecesOfAnySize(int size) throws IOException {
    byte[] data = TestFiles.random(size, size);
    Path file = dir.resolve("f");
    Random pieces = new Random(size);
    try (DirectFileWriter w = open(file)) {
      int at = 0;
      while (at < size) {
        int n = Math.min(size - at, 1 + pieces.nextInt(pieces.nextBoolean() ? 5000 : 3 << 20));
        if (pieces.nextBoolean()) {
          w.write(data, at, n);
        } else {
          ByteBuffer direct = ByteBuffer.allocateDirect(n).put(data, at, n).flip();
          w.write(direct);
          assertThat(direct.hasRemaining()).isFalse();
        }
        at += n;
      }
      assertThat(w.size()).isEqualTo(size);
      w.finish();
      w.channel().force(true);
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(data);
  }

  @ParameterizedTest
  @ValueSource(ints = {40, 4096, 10_000, BUFFER + 7})
  void overwritesTheStartAfterFinishing(int size) throws IOException {
    byte[] data = TestFiles.random(7, size);
    byte[] header = TestFiles.random(8, 40);
    Path file = dir.resolve("f");
    try (DirectFileWriter w = open(file)) {
      w.write(new byte[40], 0, 40);
      w.write(data, 40, size - 40);
      w.finish();
      w.overwriteStart(header);
    }
    byte[] expected = Arrays.copyOf(header, size);
    System.arraycopy(data, 40, expected, 40, size - 40);
    assertThat(Files.readAllBytes(file)).isEqualTo(expected);
  }

  @Test
  void aFailedWriteFailsTheNextCallAndTheWriterStillCloses() throws IOException {
    Path file = dir.resolve("f");
    DirectFileWriter w = open(file);
    w.channel().close(); // the background write of the first full buffer fails
    byte[] data = TestFiles.random(9, 3 * BUFFER);
    assertThatThrownBy(
            () -> {
              w.write(data, 0, data.length);
              w.finish();
            })
        .isInstanceOf(IOException.class);
    w.close();
  }

  @Test
  void writingAfterFinishIsRefused() throws IOException {
    try (DirectFileWriter w = open(dir.resolve("f"))) {
      w.finish();
      assertThatThrownBy(() -> w.write(new byte[1], 0, 1))
          .isInstanceOf(IllegalStateException.class);
    }
  }
}
