package dev.modelfleet.delta.internal.transform;

/** Q4_0: fp16 {@code d}, 32 4-bit quants (low nibbles first); value = d·(c − 8). */
final class Q4_0Codec extends BlockCodec {
  private static final int[] SUB = new int[32];

  Q4_0Codec() {
    super("Q4_0", 18, 32, 4, 1, -8, 7, new int[] {0}, new int[] {2});
  }

  @Override
  void unpack(byte[] b, int off, int[] codes) {
    for (int i = 0; i < 16; i++) {
      int v = b[off + 2 + i];
      codes[i] = v & 15;
      codes[i + 16] = (v >> 4) & 15;
    }
  }

  @Override
  void pack(int[] codes, byte[] b, int off) {
    for (int i = 0; i < 16; i++) {
      b[off + 2 + i] = (byte) (codes[i] | codes[i + 16] << 4);
    }
  }

  @Override
  int[] subBlockOfCode() {
    return SUB;
  }

  @Override
  void params(byte[] b, int off, double[] a, double[] m) {
    a[0] = Fp16.value(read16(b, off));
    m[0] = 0;
  }

  @Override
  int q(int code) {
    return code - 8;
  }

  @Override
  int code(int q) {
    return q + 8;
  }
}
