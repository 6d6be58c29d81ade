package dev.modelfleet.gguf.generate;

import java.nio.charset.StandardCharsets;

/**
 * SplitMix64 with a cheap near-Gaussian: every chunk of every tensor gets its own stream derived
 * from (seed, tensor name, chunk index), so output never depends on threading or chunk order.
 */
final class Rng {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final float SQRT3_OVER_2_16 = (float) (Math.sqrt(3.0) / 65536.0);

  private long state;

  Rng(long seed) {
    this.state = seed;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A seed for one stream: independent of every other (seed, name, index) triple. */
  static long streamSeed(long seed, String name, long index) {
    long h = 0xCBF29CE484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xFF)) * 0x100000001B3L;
    }
    return mix(mix(seed ^ GOLDEN) ^ mix(h) + index * GOLDEN);
  }

  long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /**
   * Approximately standard normal: the sum of four 16-bit uniforms (Irwin–Hall), rescaled. Tails
   * stop at ±3.46. One 64-bit draw per value; for bulk use {@link #nextGaussians}.
   */
  float nextGaussian() {
    long r = nextLong();
    int sum =
        (int) (r & 0xFFFF)
            + (int) ((r >>> 16) & 0xFFFF)
            + (int) ((r >>> 32) & 0xFFFF)
            + (int) (r >>> 48);
    return (sum - 2 * 65535.0f) * SQRT3_OVER_2_16;
  }

  /**
   * Fills {@code out[off..off+n)} with standard normal values: each 16 bits of a 64-bit draw pick
   * one of 65536 equiprobable normal quantiles (tails to ±4.3), four values per draw.
   */
  void nextGaussians(float[] out, int off, int n) {
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      long r = nextLong();
      out[off + i] = NormalTable.QUANTILES[(int) (r & 0xFFFF)];
      out[off + i + 1] = NormalTable.QUANTILES[(int) ((r >>> 16) & 0xFFFF)];
      out[off + i + 2] = NormalTable.QUANTILES[(int) ((r >>> 32) & 0xFFFF)];
      out[off + i + 3] = NormalTable.QUANTILES[(int) (r >>> 48)];
    }
    for (; i < n; i++) {
      out[off + i] = NormalTable.QUANTILES[(int) (nextLong() & 0xFFFF)];
    }
  }
}
