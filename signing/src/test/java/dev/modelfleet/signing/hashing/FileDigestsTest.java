package dev.modelfleet.signing.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfleet.signing.internal.Hex;
import java.io.EOFException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestsTest {
  @TempDir Path tmp;

  @Test
  void parallelRangeDigestsEqualSequentialOnesAcrossBufferBoundaries() throws Exception {
    byte[] data = new byte[3 * FileDigests.BUFFER_SIZE + 12345];
    new SplittableRandom(1).nextBytes(data);
    Path f = Files.write(tmp.resolve("blob"), data);
    List<ByteRange> ranges = new ArrayList<>();
    long step = FileDigests.BUFFER_SIZE + 7;
    for (long s = 0; s < data.length; s += step) {
      ranges.add(new ByteRange(f, s, Math.min(data.length, s + step)));
    }
    AtomicLong seen = new AtomicLong();
    List<String> digests = FileDigests.sha256All(ranges, 4, seen::addAndGet);

    for (int i = 0; i < ranges.size(); i++) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(data, (int) ranges.get(i).start(), (int) ranges.get(i).length());
      assertThat(digests.get(i)).isEqualTo(Hex.encode(md.digest()));
    }
    assertThat(seen.get()).isEqualTo(data.length);
    assertThat(FileDigests.sha256(f))
        .isEqualTo(Hex.encode(MessageDigest.getInstance("SHA-256").digest(data)));
  }

  @Test
  void fileShorterThanItsRangeIsAnError() throws Exception {
    Path f = Files.write(tmp.resolve("short"), new byte[10]);
    assertThatThrownBy(
            () ->
                FileDigests.sha256All(
                    List.of(new ByteRange(f, 0, 20), new ByteRange(f, 0, 5)), 2, HashListener.NONE))
        .isInstanceOf(EOFException.class)
        .hasMessageContaining("ended at byte 10");
  }

  @Test
  void missingFileIsAnIoError() {
    assertThatThrownBy(() -> FileDigests.sha256(tmp.resolve("absent")))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
  }
}
