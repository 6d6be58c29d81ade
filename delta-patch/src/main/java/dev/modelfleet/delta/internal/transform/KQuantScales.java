package dev.modelfleet.delta.internal.transform;

/** The 6-bit scales and mins of Q4_K and Q5_K ({@code get_scale_min_k4} in ggml). */
final class KQuantScales {
  private KQuantScales() {}

  /**
   * Fills {@code a[t] = fp16(d)·sc[t]} and {@code m[t] = fp16(dmin)·min[t]} for the 8 sub-blocks of
   * the block at {@code off} (d @0, dmin @2, scales[12] @4).
   */
  static void params(byte[] b, int off, double[] a, double[] m) {
    double d = Fp16.value(BlockCodec.read16(b, off));
    double dmin = Fp16.value(BlockCodec.read16(b, off + 2));
    int s = off + 4;
    for (int t = 0; t < 8; t++) {
      int sc;
      int mn;
      if (t < 4) {
        sc = b[s + t] & 63;
        mn = b[s + t + 4] & 63;
      } else {
        sc = (b[s + t + 4] & 0xF) | (((b[s + t - 4] & 0xFF) >> 6) << 4);
        mn = ((b[s + t + 4] & 0xFF) >> 4) | (((b[s + t] & 0xFF) >> 6) << 4);
      }
      a[t] = d * sc;
      m[t] = dmin * mn;
    }
  }

  /** Sub-block of each of the 256 codes in the Q4_K/Q5_K code order. */
  static int[] subBlocks() {
    int[] sub = new int[256];
    for (int j = 0; j < 4; j++) {
      for (int l = 0; l < 32; l++) {
        sub[64 * j + l] = 2 * j;
        sub[64 * j + 32 + l] = 2 * j + 1;
      }
    }
    return sub;
  }
}
