package dev.modelfleet.delta.internal.transform;

/** Q4_K: fp16 d and dmin, 12 bytes of 6-bit scales/mins, 256 4-bit quants in 8 sub-blocks. */
final class Q4_KCodec extends BlockCodec {
  private static final int[] SUB = KQuantScales.subBlocks();

  Q4_KCodec() {
    super(
        "Q4_K",
        144,
        256,
        4,
        8,
        0,
        15,
        new int[] {0, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
        new int[] {2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
        16);
  }

  @Override
  void unpack(byte[] b, int off, int[] codes) {
    int qs = off + 16;
    for (int j = 0; j < 4; j++) {
      for (int l = 0; l < 32; l++) {
        int v = b[qs + 32 * j + l];
        codes[64 * j + l] = v & 15;
        codes[64 * j + 32 + l] = (v >> 4) & 15;
      }
    }
  }

  @Override
  void pack(int[] codes, byte[] b, int off) {
    int qs = off + 16;
    for (int j = 0; j < 4; j++) {
      for (int l = 0; l < 32; l++) {
        b[qs + 32 * j + l] = (byte) (codes[64 * j + l] | codes[64 * j + 32 + l] << 4);
      }
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
