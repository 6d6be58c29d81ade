package dev.modelfleet.delta.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfleet.delta.create.PatchEncoder;
import dev.modelfleet.delta.testing.TestFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code durable(true)} (the default) flushes the target before the rename; false does not. */
class DurabilityTest {
  @TempDir Path dir;
  Path source;
  Path patch;
  byte[] targetBytes;
  Path out;
  final AtomicInteger fullSyncs = new AtomicInteger();
  final AtomicInteger dataSyncs = new AtomicInteger();

  @BeforeEach
  void patch() throws IOException {
    byte[] a = TestFiles.random(1, 2 << 20);
    targetBytes = TestFiles.insert(a, 300_000, TestFiles.text(2, 100_000));
    source = TestFiles.write(dir.resolve("source"), a);
    Path target = TestFiles.write(dir.resolve("target"), targetBytes);
    patch = dir.resolve("patch");
    PatchEncoder.builder().sectionBytes(64 << 10).build().encode(source, target, patch);
    out = dir.resolve("new.bin");
  }

  /** Real files whose syncs are counted (and done), flushing in the background every 256 KiB. */
  TargetOutput counted(Path temp) throws IOException {
    FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE);
    return new FileOutput(
        ch,
        metadata -> {
          (metadata ? fullSyncs : dataSyncs).incrementAndGet();
          ch.force(metadata);
        },
        256 << 10);
  }

  ApplyResult apply(PatchApplier config, TargetOutput.Factory outputs) throws IOException {
    try (InputStream in = Files.newInputStream(patch)) {
      return new ApplyRun(source, in, out, null, config, outputs).run();
    }
  }

  @Test
  void byDefaultTheTargetIsSyncedOnceBeforeTheRename() throws IOException {
    apply(PatchApplier.create(), this::counted);
    assertThat(fullSyncs).hasValue(1);
    assertThat(dataSyncs.get()).isPositive();
    assertThat(Files.readAllBytes(out)).isEqualTo(targetBytes);
  }

  @Test
  void notDurableSkipsTheFinalSync() throws IOException {
    apply(PatchApplier.builder().durable(false).build(), this::counted);
    assertThat(fullSyncs).hasValue(0);
    assertThat(Files.readAllBytes(out)).isEqualTo(targetBytes);
  }

  @Test
  void notDurableWritesThroughAnOutputThatNeverFlushes() throws IOException {
    Path temp = Files.createFile(dir.resolve("t.partial"));
    try (FileOutput o = FileOutput.openUnsynced(temp)) {
      o.write(java.nio.ByteBuffer.wrap(TestFiles.random(3, 4 << 20)));
      o.force();
      assertThat(o.flushes()).isZero();
    }
    PatchApplier notDurable = PatchApplier.builder().durable(false).build();
    ApplyResult r = notDurable.apply(source, patch, out);
    assertThat(Files.readAllBytes(out)).isEqualTo(targetBytes);
    assertThat(r.size()).isEqualTo(targetBytes.length);
  }
}
