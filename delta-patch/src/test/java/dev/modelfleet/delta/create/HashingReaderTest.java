package dev.modelfleet.delta.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfleet.delta.Sha256;
import dev.modelfleet.delta.testing.TestFiles;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads in any order hand back the right bytes, and the hash is always the whole file's. */
class HashingReaderTest {
  static final int SIZE = 3_000_000;
  static final byte[] DATA = TestFiles.random(7, SIZE);
  static final Sha256 WHOLE = Sha256.of(Sha256.newDigest().digest(DATA));

  @TempDir Path dir;

  /** Reads {@code [from, from + length)} pairs in the given order and returns the file's hash. */
  Sha256 readAndHash(long... fromAndLength) throws IOException {
    Path file = TestFiles.write(dir.resolve("f"), DATA);
    try (FileChannel ch = FileChannel.open(file)) {
      HashingReader r = new HashingReader(ch, SIZE);
      for (int i = 0; i < fromAndLength.length; i += 2) {
        int from = (int) fromAndLength[i];
        int length = (int) fromAndLength[i + 1];
        byte[] dst = new byte[length + 5];
        r.read(from, dst, length);
        assertThat(Arrays.equals(dst, 0, length, DATA, from, from + length))
            .as("bytes of [%d, +%d)", from, length)
            .isTrue();
      }
      return r.finish();
    }
  }

  @Test
  void nothingReadHashesTheWholeFile() throws IOException {
    assertThat(readAndHash()).isEqualTo(WHOLE);
  }

  @Test
  void piecesInOrderAreHashedOnTheWay() throws IOException {
    assertThat(readAndHash(0, 1_000_000, 1_000_000, 1_000_000, 2_000_000, 1_000_000))
        .isEqualTo(WHOLE);
  }

  @Test
  void gapsBetweenPiecesAndAfterTheLastAreHashedToo() throws IOException {
    assertThat(readAndHash(32, 100, 5_000, 2_500_000, 2_600_000, 17)).isEqualTo(WHOLE);
  }

  @Test
  void piecesBeforeTheHashedPrefixOrOverlappingItAreNotHashedTwice() throws IOException {
    assertThat(
            readAndHash(
                2_000_000, 500_000, 0, 10, 1_999_990, 600_000, 1_000, 1_000, 2_599_000, 400_000))
        .isEqualTo(WHOLE);
  }

  @Test
  void aPieceThatEndsPastTheFileFailsWithEof() throws IOException {
    Path file = TestFiles.write(dir.resolve("f"), DATA);
    try (FileChannel ch = FileChannel.open(file)) {
      HashingReader r = new HashingReader(ch, SIZE);
      assertThatThrownBy(() -> r.read(SIZE - 10, new byte[20], 20))
          .isInstanceOf(EOFException.class);
    }
  }

  @Test
  void aFinishedHashTakesNoMoreReads() throws IOException {
    Path file = TestFiles.write(dir.resolve("f"), DATA);
    try (FileChannel ch = FileChannel.open(file)) {
      HashingReader r = new HashingReader(ch, SIZE);
      assertThat(r.finish()).isEqualTo(WHOLE);
      assertThatThrownBy(() -> r.read(0, new byte[1], 1)).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(r::finish).isInstanceOf(IllegalStateException.class);
    }
  }
}
