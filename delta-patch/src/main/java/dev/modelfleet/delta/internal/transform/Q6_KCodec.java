package dev.modelfleet.delta.internal.transform;

/**
 * Q6_K: {@code ql[128]} low nibbles, {@code qh[64]} high 2-bit pairs, 16 signed 8-bit sub-block
 * scales, fp16 {@code d} at the end; value = d·scale·(c − 32).
 */
final class Q6_KCodec extends BlockCodec {
  private static final int[] SUB = subBlocks();

  Q6_KCodec() {
    super(
        "Q6_K",
        210,
        256,
        6,
        16,
        -32,
        31,
        new int[] {
          192, 193, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207, 208
        },
        new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2},
        0);
  }

  @Override
  void unpack(byte[] b, int off, int[] codes) {
    for (int h = 0; h < 2; h++) {
      int ql = off + 64 * h;
      int qh = off + 128 + 32 * h;
      int c = 128 * h;
      for (int l = 0; l < 32; l++) {
        int lo0 = b[ql + l] & 0xFF;
        int lo1 = b[ql + l + 32] & 0xFF;
        int hi = b[qh + l] & 0xFF;
        codes[c + l] = (lo0 & 15) | (hi & 3) << 4;
        codes[c + l + 32] = (lo1 & 15) | ((hi >> 2) & 3) << 4;
        codes[c + l + 64] = (lo0 >> 4) | ((hi >> 4) & 3) << 4;
        codes[c + l + 96] = (lo1 >> 4) | ((hi >> 6) & 3) << 4;
      }
    }
  }

  @Override
  void pack(int[] codes, byte[] b, int off) {
    for (int h = 0; h < 2; h++) {
      int ql = off + 64 * h;
      int qh = off + 128 + 32 * h;
      int c = 128 * h;
      for (int l = 0; l < 32; l++) {
        int c0 = codes[c + l];
        int c1 = codes[c + l + 32];
        int c2 = codes[c + l + 64];
        int c3 = codes[c + l + 96];
        b[ql + l] = (byte) ((c0 & 15) | (c2 & 15) << 4);
        b[ql + l + 32] = (byte) ((c1 & 15) | (c3 & 15) << 4);
        b[qh + l] = (byte) ((c0 >> 4) | (c1 >> 4) << 2 | (c2 >> 4) << 4 | (c3 >> 4) << 6);
      }
    }
  }

  @Override
  int[] subBlockOfCode() {
    return SUB;
  }

  @Override
  void params(byte[] b, int off, double[] a, double[] m) {
    double d = Fp16.value(read16(b, off + 208));
    for (int t = 0; t < 16; t++) {
      a[t] = d * b[off + 192 + t];
      m[t] = 0;
    }
  }

  @Override
  int q(int code) {
    return code - 32;
  }

  @Override
  int code(int q) {
    return q + 32;
  }

  private static int[] subBlocks() {
    int[] sub = new int[256];
    for (int h = 0; h < 2; h++) {
      for (int l = 0; l < 32; l++) {
        int u = 8 * h + l / 16;
        sub[128 * h + l] = u;
        sub[128 * h + l + 32] = u + 2;
        sub[128 * h + l + 64] = u + 4;
        sub[128 * h + l + 96] = u + 6;
      }
    }
    return sub;
  }
}
