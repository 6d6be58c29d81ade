package dev.modelfleet.delta.internal.transform;

/** Q5_K: as Q4_K plus a fifth bit per quant in {@code qh[32]}. */
final class Q5_KCodec extends BlockCodec {
  private static final int[] SUB = KQuantScales.subBlocks();

  Q5_KCodec() {
    super(
        "Q5_K",
        176,
        256,
        5,
        8,
        0,
        31,
        new int[] {0, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
        new int[] {2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
        16);
  }

  @Override
  void unpack(byte[] b, int off, int[] codes) {
    int qh = off + 16;
    int qs = off + 48;
    for (int j = 0; j < 4; j++) {
      for (int l = 0; l < 32; l++) {
        int v = b[qs + 32 * j + l];
        int h = b[qh + l] & 0xFF;
        codes[64 * j + l] = (v & 15) | ((h >> (2 * j)) & 1) << 4;
        codes[64 * j + 32 + l] = ((v >> 4) & 15) | ((h >> (2 * j + 1)) & 1) << 4;
      }
    }
  }

  @Override
  void pack(int[] codes, byte[] b, int off) {
    int qh = off + 16;
    int qs = off + 48;
    for (int l = 0; l < 32; l++) {
      int h = 0;
      for (int j = 0; j < 4; j++) {
        int lo = codes[64 * j + l];
        int hi = codes[64 * j + 32 + l];
        b[qs + 32 * j + l] = (byte) ((lo & 15) | (hi & 15) << 4);
        h |= (lo >> 4) << (2 * j) | (hi >> 4) << (2 * j + 1);
      }
      b[qh + l] = (byte) h;
    }
  }

  @Override
  int[] subBlockOfCode() {
    return SUB;
  }

  @Override
  void params(byte[] b, int off, double[] a, double[] m) {
    KQuantScales.params(b, off, a, m);
  }

  @Override
  int q(int code) {
    return code;
  }

  @Override
  int code(int q) {
    return q;
  }
}
