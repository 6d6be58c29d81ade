package dev.modelfleet.delta.internal.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfleet.delta.testing.TestFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdcTest {
  @TempDir Path dir;

  static List<Integer> cuts(GearChunker c, byte[] b) {
    List<Integer> out = new ArrayList<>();
    int at = 0;
    while (at < b.length) {
      int len = c.cut(b, at, Math.min(b.length - at, c.maxChunk()));
      out.add(at + len);
      at += len;
    }
    return out;
  }

  @Test
  void chunksAverageTheirSizeWithinTheirBounds() {
    GearChunker c = new GearChunker(4096);
    byte[] b = TestFiles.random(1, 4 << 20);
    List<Integer> cuts = cuts(c, b);
    int prev = 0;
    for (int i = 0; i < cuts.size() - 1; i++) {
      int len = cuts.get(i) - prev;
      assertThat(len).isBetween(1024, 16384);
      prev = cuts.get(i);
    }
    double avg = (double) b.length / cuts.size();
    assertThat(avg).isBetween(3000.0, 6000.0);
  }

  @Test
  void anInsertionMovesOnlyTheBoundariesNextToIt() {
    GearChunker c = new GearChunker(4096);
    byte[] a = TestFiles.random(2, 2 << 20);
    byte[] b = TestFiles.insert(a, 1 << 20, new byte[] {1, 2, 3});
    Set<Integer> before = new HashSet<>(cuts(c, a));
    int shared = 0;
    List<Integer> after = cuts(c, b);
    for (int cut : after) {
      if (before.contains(cut < (1 << 20) ? cut : cut - 3)) {
        shared++;
      }
    }
    assertThat(shared).isGreaterThan(after.size() - 4);
  }

  @Test
  void averageChunkSizesMustBePowersOfTwo() {
    assertThatThrownBy(() -> new GearChunker(1000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GearChunker(32)).isInstanceOf(IllegalArgumentException.class);
  }

  record Op(boolean copy, long source, long target, long length) {}

  List<Op> match(byte[] s, byte[] t, long[] starts, long[] ends, int avg) throws IOException {
    Path sp = TestFiles.write(dir.resolve("s"), s);
    Path tp = TestFiles.write(dir.resolve("t"), t);
    List<Op> ops = new ArrayList<>();
    try (FileChannel sc = FileChannel.open(sp);
        FileChannel tc = FileChannel.open(tp)) {
      CdcMatcher m = CdcMatcher.index(sc, starts, ends, tc, new GearChunker(avg));
      m.match(
          0,
          t.length,
          new MatchSink() {
            @Override
            public void copy(long sourceOffset, long targetOffset, long length) {
              ops.add(new Op(true, sourceOffset, targetOffset, length));
            }

            @Override
            public void literal(long targetOffset, long length) {
              ops.add(new Op(false, -1, targetOffset, length));
            }
          });
    }
    long at = 0;
    for (Op op : ops) {
      assertThat(op.target()).isEqualTo(at);
      if (op.copy()) {
        for (long i = 0; i < op.length(); i++) {
          assertThat(t[(int) (op.target() + i)]).isEqualTo(s[(int) (op.source() + i)]);
        }
      }
      at += op.length();
    }
    assertThat(at).isEqualTo(t.length);
    return ops;
  }

  static long literalBytes(List<Op> ops) {
    return ops.stream().filter(o -> !o.copy()).mapToLong(Op::length).sum();
  }

  @Test
  void movedAndEditedDataIsCopiedAndOnlyTheEditIsLiteral() throws IOException {
    byte[] a = TestFiles.random(3, 1 << 20);
    byte[] front = java.util.Arrays.copyOfRange(a, 0, 300_000);
    byte[] back = java.util.Arrays.copyOfRange(a, 300_000, a.length);
    byte[] t = TestFiles.insert(concat(back, front), 500_000, new byte[] {7, 7, 7, 7, 7});
    t[900_000] ^= 1;
    List<Op> ops = match(a, t, new long[] {0}, new long[] {a.length}, 4096);
    assertThat(literalBytes(ops)).isEqualTo(6);
  }

  @Test
  void copiesStayInsideTheirSourceRange() throws IOException {
    byte[] a = TestFiles.random(4, 256 << 10);
    // Only [64 KiB, 128 KiB) is indexed: the rest of an identical target must be literal.
    List<Op> ops = match(a, a, new long[] {64 << 10}, new long[] {128 << 10}, 1024);
    long copied = ops.stream().filter(Op::copy).mapToLong(Op::length).sum();
    assertThat(copied).isEqualTo(64 << 10);
    assertThat(ops.stream().filter(Op::copy)).allMatch(o -> o.source() >= (64 << 10));
  }

  @Test
  void withoutSourceRangesEverythingIsLiteral() throws IOException {
    byte[] a = TestFiles.random(5, 10_000);
    List<Op> ops = match(a, a, new long[0], new long[0], 256);
    assertThat(ops).containsExactly(new Op(false, -1, 0, 10_000));
  }

  @Test
  void sourceRangesMustBeSortedAndDisjoint() throws IOException {
    Path p = TestFiles.write(dir.resolve("x"), new byte[10]);
    try (FileChannel c = FileChannel.open(p)) {
      GearChunker g = new GearChunker(64);
      assertThatThrownBy(() -> CdcMatcher.index(c, new long[] {5, 0}, new long[] {6, 1}, c, g))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> CdcMatcher.index(c, new long[] {0}, new long[] {0}, c, g))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
