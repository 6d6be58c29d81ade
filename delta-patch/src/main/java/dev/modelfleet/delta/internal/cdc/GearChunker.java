package dev.modelfleet.delta.internal.cdc;

import java.util.SplittableRandom;

/**
 * Finds content-defined cut points with a gear rolling hash and FastCDC's normalized chunking: no
 * cut before {@code min}, a stricter mask up to {@code avg} and a looser one after it, a forced cut
 * at {@code max}. Chunk boundaries depend only on the bytes near them, so an insertion or deletion
 * moves only the boundaries next to it. Immutable.
 */
public final class GearChunker {
  private static final long[] GEAR = gearTable();

  private final int min;
  private final int avg;
  private final int max;
  private final long maskStrict;
  private final long maskLoose;

  /**
   * A chunker with average chunk size {@code avg}, a power of two between 64 and 2^24; chunks are
   * {@code avg/4} to {@code 4·avg} bytes long.
   *
   * @throws IllegalArgumentException if {@code avg} is not such a power of two
   */
  public GearChunker(int avg) {
    if (avg < 64 || avg > (1 << 24) || Integer.bitCount(avg) != 1) {
      throw new IllegalArgumentException(
          "average chunk size must be a power of two in [64, 2^24] but was " + avg);
    }
    int bits = Integer.numberOfTrailingZeros(avg);
    this.avg = avg;
    this.min = avg / 4;
    this.max = avg * 4;
    // The gear hash shifts left, so its top bits depend on the last 64 bytes: test those.
    this.maskStrict = -1L << (64 - (bits + 2));
    this.maskLoose = -1L << (64 - (bits - 2));
  }

  /** The largest chunk this chunker makes. */
  public int maxChunk() {
    return max;
  }

  public int averageChunk() {
    return avg;
  }

  /**
   * The length of the chunk that starts at {@code buf[off]}, given that {@code len} bytes are
   * available there. If {@code len < maxChunk()} the caller must pass all bytes up to the end of
   * the data, and the last chunk ends there.
   */
  public int cut(byte[] buf, int off, int len) {
    if (len <= min) {
      return len;
    }
    int end = Math.min(len, max);
    int normal = Math.min(end, avg);
    long fp = 0;
    int i = min;
    for (; i < normal; i++) {
      fp = (fp << 1) + GEAR[buf[off + i] & 0xFF];
      if ((fp & maskStrict) == 0) {
        return i + 1;
      }
    }
    for (; i < end; i++) {
      fp = (fp << 1) + GEAR[buf[off + i] & 0xFF];
      if ((fp & maskLoose) == 0) {
        return i + 1;
      }
    }
    return end;
  }

  private static long[] gearTable() {
    // Fixed seed: chunking only has to agree within one encoder run, but stable boundaries make
    // encoder output reproducible.
    SplittableRandom r = new SplittableRandom(0x4d4644454c5441L);
    long[] t = new long[256];
    for (int i = 0; i < 256; i++) {
      t[i] = r.nextLong();
    }
    return t;
  }
}
