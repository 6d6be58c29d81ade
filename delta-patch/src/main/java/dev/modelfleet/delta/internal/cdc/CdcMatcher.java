package dev.modelfleet.delta.internal.cdc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Describes a target range as copies from a source range and literals. Both are cut into
 * content-defined chunks; a target chunk whose bytes occur as a source chunk becomes a copy, which
 * is then extended byte by byte forwards and backwards, so the literals shrink to the bytes that
 * really differ. Reads both files with positional reads; memory is the chunk index plus a few
 * buffers.
 */
public final class CdcMatcher {
  private static final int EXTEND_BLOCK = 64 << 10;

  private final FileChannel source;
  private final long sourceStart;
  private final long sourceEnd;
  private final FileChannel target;
  private final GearChunker chunker;
  private final ChunkIndex index;
  private final byte[] sourceChunk;
  private final byte[] extendA = new byte[EXTEND_BLOCK];
  private final byte[] extendB = new byte[EXTEND_BLOCK];
  private long matchedBytes;

  private CdcMatcher(
      FileChannel source, long sourceStart, long sourceEnd, FileChannel target, GearChunker c) {
    this.source = source;
    this.sourceStart = sourceStart;
    this.sourceEnd = sourceEnd;
    this.target = target;
    this.chunker = c;
    this.index =
        new ChunkIndex((int) Math.min(1 << 24, (sourceEnd - sourceStart) / c.averageChunk() + 16));
    this.sourceChunk = new byte[c.maxChunk()];
  }

  /**
   * Indexes the chunks of {@code source[sourceStart, sourceEnd)} and returns a matcher against
   * them.
   */
  public static CdcMatcher index(
      FileChannel source, long sourceStart, long sourceEnd, FileChannel target, GearChunker chunker)
      throws IOException {
    CdcMatcher m = new CdcMatcher(source, sourceStart, sourceEnd, target, chunker);
    Window w = new Window(source, sourceEnd, Math.max(4 << 20, 2 * chunker.maxChunk()));
    long pos = sourceStart;
    while (pos < sourceEnd) {
      int at = w.at(pos, chunker.maxChunk());
      int avail = (int) Math.min(w.available(pos), sourceEnd - pos);
      int len = chunker.cut(w.buf(), at, avail);
      m.index.put(ChunkHash.hash(w.buf(), at, len), pos, len);
      pos += len;
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
      if (s >= 0 && sameAsSource(w.buf(), at, s, len)) {
        long back = extendBackward(t, s, t - literalStart);
        long forward = extendForward(t + len, s + len, targetEnd);
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

  private boolean sameAsSource(byte[] buf, int at, long s, int len) throws IOException {
    if (s < sourceStart || s + len > sourceEnd) {
      return false;
    }
    Reads.readFully(source, s, sourceChunk, 0, len);
    return Arrays.equals(buf, at, at + len, sourceChunk, 0, len);
  }

  /** How many bytes before {@code t}/{@code s} are equal (at most {@code limit}). */
  private long extendBackward(long t, long s, long limit) throws IOException {
    long max = Math.min(limit, s - sourceStart);
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

  /** How many bytes from {@code t}/{@code s} on are equal (up to the region ends). */
  private long extendForward(long t, long s, long targetEnd) throws IOException {
    long max = Math.min(targetEnd - t, sourceEnd - s);
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
