package dev.modelfleet.delta.internal.transform;

/** Q8_0: fp16 {@code d}, 32 signed 8-bit quants; value = d·q. */
final class Q8_0Codec extends BlockCodec {
  private static final int[] SUB = new int[32];

  Q8_0Codec() {
    super("Q8_0", 34, 32, 8, 1, -128, 127, new int[] {0}, new int[] {2});
  }

  @Override
  void unpack(byte[] b, int off, int[] codes) {
    for (int i = 0; i < 32; i++) {
      codes[i] = b[off + 2 + i] & 0xFF;
    }
  }

  @Override
  void pack(int[] codes, byte[] b, int off) {
    for (int i = 0; i < 32; i++) {
      b[off + 2 + i] = (byte) codes[i];
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
    return (byte) code;
  }

  @Override
  int code(int q) {
    return q & 0xFF;
  }
}
