package dev.modelfleet.delta.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfleet.delta.testing.TestFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutputTest {
  @TempDir Path dir;

  @Test
  void flushesInTheBackgroundWhileWritingAndEndsWithAFullSync() throws IOException {
    byte[] data = TestFiles.random(3, 8 << 20);
    Path file = Files.createFile(dir.resolve("target.partial"));
    AtomicInteger dataOnly = new AtomicInteger();
    AtomicInteger full = new AtomicInteger();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileOutput out =
          new FileOutput(
              ch,
              metadata -> {
                (metadata ? full : dataOnly).incrementAndGet();
                ch.force(metadata);
              },
              1 << 20);
      for (int off = 0; off < data.length; off += 100_000) {
        out.write(ByteBuffer.wrap(data, off, Math.min(100_000, data.length - off)));
      }
      out.force();
      out.close();
      assertThat(out.flushes()).isPositive();
      assertThat(dataOnly.get()).isEqualTo(out.flushes());
      assertThat(full.get()).isEqualTo(1);
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(data);
  }
}
