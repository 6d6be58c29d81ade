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
    // Code 64j + l takes its fifth bit from bit 2j of qh[l], code 64j + 32 + l from bit 2j + 1:
    // straight-line with constant shifts, which runs about twice as fast as a loop over j.
    for (int l = 0; l < 32; l++) {
      int h = b[qh + l] & 0xFF;
      int v0 = b[qs + l];
      int v1 = b[qs + 32 + l];
      int v2 = b[qs + 64 + l];
      int v3 = b[qs + 96 + l];
      codes[l] = (v0 & 15) | (h << 4 & 16);
      codes[32 + l] = (v0 >> 4 & 15) | (h << 3 & 16);
      codes[64 + l] = (v1 & 15) | (h << 2 & 16);
      codes[96 + l] = (v1 >> 4 & 15) | (h << 1 & 16);
      codes[128 + l] = (v2 & 15) | (h & 16);
      codes[160 + l] = (v2 >> 4 & 15) | (h >> 1 & 16);
      codes[192 + l] = (v3 & 15) | (h >> 2 & 16);
      codes[224 + l] = (v3 >> 4 & 15) | (h >> 3 & 16);
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
