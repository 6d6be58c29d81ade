package dev.modelfleet.delta.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfleet.delta.Sha256;
import dev.modelfleet.delta.internal.transform.Transform;
import dev.modelfleet.delta.testing.Blocks;
import dev.modelfleet.delta.testing.PatchBuilder;
import dev.modelfleet.delta.testing.TestFiles;
import dev.modelfleet.gguf.GgmlType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offsets past 4 GiB, in the source and in the target, without writing gigabytes: a sparse source,
 * and a target that is hashed but not stored. (Hashing 4 GiB twice is what these tests cost.)
 */
class LargeOffsetTest {
  private static final long FOUR_GIB = 1L << 32;

  @TempDir Path dir;

  @Test
  void copiesAndTransformsReadSourceBytesPastFourGib() throws IOException {
    // Holes read fast from tmpfs; some disk file systems take seconds per GiB of them.
    Path shm = Path.of("/dev/shm");
    Path sparseDir =
        Files.isDirectory(shm) && Files.isWritable(shm)
            ? Files.createTempDirectory(shm, "modelfleet-delta-test")
            : dir;
    Path source = sparseDir.resolve("source");
    try {
      readPastFourGib(source);
    } finally {
      Files.deleteIfExists(source);
      if (!sparseDir.equals(dir)) {
        Files.deleteIfExists(sparseDir);
      }
    }
  }

  private void readPastFourGib(Path source) throws IOException {
    float[] w = Blocks.weights(1, 256 * 64);
    byte[] oldBlocks = Blocks.quantize(GgmlType.Q8_0, w);
    byte[] newBlocks = Blocks.quantize(GgmlType.Q8_0, Blocks.finetune(w, 0.01, 2));
    byte[] tail = TestFiles.random(3, 100_000);
    long blocksAt = FOUR_GIB + 12_345;
    long tailAt = blocksAt + oldBlocks.length + 777;
    try (RandomAccessFile f = new RandomAccessFile(source.toFile(), "rw")) {
      f.setLength(tailAt + tail.length + 5000);
      f.seek(blocksAt);
      f.write(oldBlocks);
      f.seek(tailAt);
      f.write(tail);
    }
    long size = Files.size(source);
    byte[] literal = TestFiles.random(4, 999);
    // The source's digest from memory (the applier reads the sparse file itself).
    MessageDigest md = Sha256.newDigest();
    zeros(md, blocksAt);
    md.update(oldBlocks);
    zeros(md, 777);
    md.update(tail);
    zeros(md, 5000);
    PatchBuilder pb = new PatchBuilder(size, Sha256.of(md.digest()));
    pb.transform(Transform.Q8_0, blocksAt, oldBlocks, newBlocks)
        .copy(tailAt, tail.length)
        .endSection()
        .literal(literal)
        .copy(FOUR_GIB - 10, 20); // zeros across the 4 GiB boundary
    byte[] target = concat(newBlocks, tail, literal, new byte[20]);
    byte[] patch = pb.build(PatchBuilder.sha256(target));

    Path out = dir.resolve("out");
    PatchApplier.create().apply(source, new ByteArrayInputStream(patch), out, null);
    assertThat(Files.readAllBytes(out)).isEqualTo(target);
  }

  @Test
  void targetsLongerThanFourGibAreWrittenAndHashedCompletely() throws IOException {
    byte[] source = TestFiles.random(5, 8 << 20);
    Path sourcePath = TestFiles.write(dir.resolve("source"), source);
    int copies = (int) (FOUR_GIB / source.length) + 2;
    float[] w = Blocks.weights(6, 256 * 16);
    byte[] oldBlocks = Blocks.quantize(GgmlType.Q4_0, w);
    byte[] newBlocks = Blocks.quantize(GgmlType.Q4_0, Blocks.finetune(w, 0.05, 7));
    System.arraycopy(oldBlocks, 0, source, 0, oldBlocks.length);
    Files.write(sourcePath, source);

    PatchBuilder pb = new PatchBuilder(source.length, PatchBuilder.sha256(source));
    MessageDigest expected = Sha256.newDigest();
    for (int i = 0; i < copies; i++) {
      pb.copy(0, source.length); // one section producing more than 4 GiB
      expected.update(source);
    }
    pb.endSection().transform(Transform.Q4_0, 0, oldBlocks, newBlocks).literal(new byte[] {42});
    expected.update(newBlocks);
    expected.update(new byte[] {42});
    long targetSize = (long) copies * source.length + newBlocks.length + 1;
    byte[] patch = pb.build(Sha256.of(expected.digest()));

    Tail tail = new Tail(newBlocks.length + 1);
    ApplyResult r =
        new ApplyRun(
                sourcePath,
                new ByteArrayInputStream(patch),
                dir.resolve("out"),
                null,
                PatchApplier.create(),
                temp -> tail)
            .run();
    assertThat(r.size()).isEqualTo(targetSize).isGreaterThan(FOUR_GIB);
    assertThat(tail.written).isEqualTo(targetSize);
    assertThat(tail.last()).isEqualTo(concat(newBlocks, new byte[] {42}));
  }

  /** Counts what is written and keeps the last bytes (the test cannot store 4 GiB). */
  private static final class Tail implements TargetOutput {
    final byte[] ring;
    long written;

    Tail(int keep) {
      ring = new byte[keep];
    }

    @Override
    public void write(ByteBuffer src) {
      int n = src.remaining();
      // Only the last ring.length bytes of a write can survive it.
      int skip = Math.max(0, n - ring.length);
      src.position(src.position() + skip);
      written += skip;
      while (src.hasRemaining()) {
        ring[(int) (written % ring.length)] = src.get();
        written++;
      }
    }

    byte[] last() {
      byte[] out = new byte[ring.length];
      for (int i = 0; i < ring.length; i++) {
        out[i] = ring[(int) ((written + i) % ring.length)];
      }
      return out;
    }

    @Override
    public void force() {}

    @Override
    public void close() {}
  }

  private static void zeros(MessageDigest md, long n) {
    byte[] z = new byte[1 << 20];
    for (long done = 0; done < n; ) {
      int k = (int) Math.min(z.length, n - done);
      md.update(z, 0, k);
      done += k;
    }
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = Arrays.copyOf(parts[0], n);
    int at = parts[0].length;
    for (int i = 1; i < parts.length; i++) {
      System.arraycopy(parts[i], 0, out, at, parts[i].length);
      at += parts[i].length;
    }
    return out;
  }
}
