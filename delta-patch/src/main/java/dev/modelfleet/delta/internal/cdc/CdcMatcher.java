package dev.modelfleet.delta.internal.cdc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Describes a target range as copies from source ranges and literals. Both are cut into
 * content-defined chunks; a target chunk whose bytes occur as a source chunk becomes a copy, which
 * is then extended byte by byte forwards and backwards (within its source range), so the literals
 * shrink to the bytes that really differ. Reads both files with positional reads; memory is the
 * chunk index plus a few buffers.
 */
public final class CdcMatcher {
  private static final int EXTEND_BLOCK = 64 << 10;

  private final FileChannel source;
  private final long[] starts;
  private final long[] ends;
  private final FileChannel target;
  private final GearChunker chunker;
  private final ChunkIndex index;
  private final byte[] sourceChunk;
  private final byte[] extendA = new byte[EXTEND_BLOCK];
  private final byte[] extendB = new byte[EXTEND_BLOCK];
  private long matchedBytes;

  private CdcMatcher(
      FileChannel source, long[] starts, long[] ends, FileChannel target, GearChunker c) {
    this.source = source;
    this.starts = starts;
    this.ends = ends;
    this.target = target;
    this.chunker = c;
    long total = 0;
    for (int i = 0; i < starts.length; i++) {
      total += ends[i] - starts[i];
    }
    this.index = new ChunkIndex((int) Math.min(1 << 24, total / c.averageChunk() + 16));
    this.sourceChunk = new byte[c.maxChunk()];
  }

  /** Indexes the chunks of {@code source[sourceStart, sourceEnd)}; a matcher against them. */
  public static CdcMatcher index(
      FileChannel source, long sourceStart, long sourceEnd, FileChannel target, GearChunker chunker)
      throws IOException {
    if (sourceEnd <= sourceStart) {
      return index(source, new long[0], new long[0], target, chunker);
    }
    return index(source, new long[] {sourceStart}, new long[] {sourceEnd}, target, chunker);
  }

  /**
   * Indexes the chunks of the source ranges {@code [starts[i], ends[i])} (sorted, not overlapping);
   * a matcher against them. A copy never crosses the end of its range.
   *
   * @throws IllegalArgumentException if the ranges are not sorted, disjoint and non-empty
   */
  public static CdcMatcher index(
      FileChannel source, long[] starts, long[] ends, FileChannel target, GearChunker chunker)
      throws IOException {
    if (starts.length != ends.length) {
      throw new IllegalArgumentException("starts and ends differ in length");
    }
    for (int i = 0; i < starts.length; i++) {
      if (starts[i] < 0 || ends[i] <= starts[i] || (i > 0 && starts[i] < ends[i - 1])) {
        throw new IllegalArgumentException("source ranges must be sorted, disjoint and non-empty");
      }
    }
    CdcMatcher m = new CdcMatcher(source, starts.clone(), ends.clone(), target, chunker);
    for (int r = 0; r < starts.length; r++) {
      long end = ends[r];
      Window w = new Window(source, end, Math.max(4 << 20, 2 * chunker.maxChunk()));
      long pos = starts[r];
      while (pos < end) {
        int at = w.at(pos, chunker.maxChunk());
        int avail = (int) Math.min(w.available(pos), end - pos);
        int len = chunker.cut(w.buf(), at, avail);
        m.index.put(ChunkHash.hash(w.buf(), at, len), pos, len);
        pos += len;
      }
    }
    return m;
  }

  /** Source chunks indexed. */
  public int indexedChunks() {
    return index.size();
  }

  /** Target bytes covered by copies so far. */
  public long matchedBytes() {
    return matchedBytes;
  }

  /** Reports {@code target[targetStart, targetEnd)} to {@code sink} as copies and literals. */
  public void match(long targetStart, long targetEnd, MatchSink sink) throws IOException {
    Window w = new Window(target, targetEnd, Math.max(4 << 20, 2 * chunker.maxChunk()));
    long literalStart = targetStart;
    long t = targetStart;
    while (t < targetEnd) {
      int at = w.at(t, chunker.maxChunk());
      int avail = (int) Math.min(w.available(t), targetEnd - t);
      int len = chunker.cut(w.buf(), at, avail);
      long s = index.size() == 0 ? -1 : index.find(ChunkHash.hash(w.buf(), at, len), len);
      int range = s >= 0 ? rangeOf(s) : -1;
      if (range >= 0 && sameAsSource(w.buf(), at, s, len, ends[range])) {
        long back = extendBackward(t, s, Math.min(t - literalStart, s - starts[range]));
        long forward =
            extendForward(t + len, s + len, Math.min(targetEnd - t - len, ends[range] - s - len));
        long copyStart = t - back;
        if (copyStart > literalStart) {
          sink.literal(literalStart, copyStart - literalStart);
        }
        long copyLength = back + len + forward;
        sink.copy(s - back, copyStart, copyLength);
        matchedBytes += copyLength;
        t = copyStart + copyLength;
        literalStart = t;
      } else {
        t += len;
      }
    }
    if (targetEnd > literalStart) {
      sink.literal(literalStart, targetEnd - literalStart);
    }
  }

  /** The index of the source range holding offset {@code s}, or -1. */
  private int rangeOf(long s) {
    int lo = 0;
    int hi = starts.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (starts[mid] <= s) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return hi >= 0 && s < ends[hi] ? hi : -1;
  }

  private boolean sameAsSource(byte[] buf, int at, long s, int len, long rangeEnd)
      throws IOException {
    if (s + len > rangeEnd) {
      return false;
    }
    Reads.readFully(source, s, sourceChunk, 0, len);
    return Arrays.equals(buf, at, at + len, sourceChunk, 0, len);
  }

  /** How many bytes before {@code t}/{@code s} are equal (at most {@code max}). */
  private long extendBackward(long t, long s, long max) throws IOException {
    long done = 0;
    while (done < max) {
      int n = (int) Math.min(EXTEND_BLOCK, max - done);
      Reads.readFully(target, t - done - n, extendA, 0, n);
      Reads.readFully(source, s - done - n, extendB, 0, n);
      for (int i = n - 1; i >= 0; i--) {
        if (extendA[i] != extendB[i]) {
          return done + (n - 1 - i);
        }
      }
      done += n;
    }
    return done;
  }

  /** How many bytes from {@code t}/{@code s} on are equal (at most {@code max}). */
  private long extendForward(long t, long s, long max) throws IOException {
    long done = 0;
    while (done < max) {
      int n = (int) Math.min(EXTEND_BLOCK, max - done);
      Reads.readFully(target, t + done, extendA, 0, n);
      Reads.readFully(source, s + done, extendB, 0, n);
      int mismatch = Arrays.mismatch(extendA, 0, n, extendB, 0, n);
      if (mismatch >= 0) {
        return done + mismatch;
      }
      done += n;
    }
    return done;
  }

  /** A read-ahead buffer over a file region that can be repositioned. */
  private static final class Window {
    private final FileChannel ch;
    private final long limit;
    private final byte[] buf;
    private long start;
    private int length;

    Window(FileChannel ch, long limit, int size) {
      this.ch = ch;
      this.limit = limit;
      this.buf = new byte[size];
    }

    byte[] buf() {
      return buf;
    }

    /** Bytes available in the buffer from {@code pos}. */
    long available(long pos) {
      return start + length - pos;
    }

    /** Makes {@code want} bytes from {@code pos} available (fewer at the limit); their index. */
    int at(long pos, int want) throws IOException {
      long have = start + length - pos;
      if (pos >= start && have >= Math.min(want, limit - pos)) {
        return (int) (pos - start);
      }
      int n = (int) Math.min(buf.length, limit - pos);
      Reads.readFully(ch, pos, buf, 0, n);
      start = pos;
      length = n;
      return 0;
    }
  }
}
