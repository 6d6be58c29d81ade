package dev.modelfleet.delta.internal.transform;

import dev.modelfleet.delta.PatchException;

/** Q5_K: as Q4_K plus a fifth bit per quant in {@code qh[32]}. */
final class Q5_KCodec extends ByteCodesCodec {
  private static final int[] SUB = KQuantScales.subBlocks();
  private static final long LOW4 = 0x0F0F0F0F0F0F0F0FL;
  private static final long LOW1 = 0x0101010101010101L;

  Q5_KCodec() {
    super(
        "Q5_K",
        176,
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

  /**
   * The generic applier (with its block shortcuts), not {@link ByteCodesCodec}'s: C2 of JDK 17.0.15
   * miscompiles that one for this layout in some compilation shapes (wrong quant bytes with {@code
   * -XX:-TieredCompilation}, and with default flags after small changes to {@link #unpackBytes};
   * {@code -XX:-SplitIfBlocks} avoids it), while the same code for Q6_K and both encoders give the
   * reference's bytes under every shape tried.
   */
  @Override
  public void apply(byte[] buf, int off, int length, byte[] payload, int pOff, int pLen)
      throws PatchException {
    applyBlockwise(buf, off, length, payload, pOff, pLen);
  }

  @Override
  void unpackBytes(byte[] b, int off, byte[] codes) {
    int qh = off + 16;
    int qs = off + 48;
    for (int l = 0; l < 32; l += 8) {
      long h = (long) Swar.LONG.get(b, qh + l);
      for (int j = 0; j < 4; j++) {
        long v = (long) Swar.LONG.get(b, qs + 32 * j + l);
        Swar.LONG.set(codes, 64 * j + l, (v & LOW4) | (h >>> (2 * j) & LOW1) << 4);
        Swar.LONG.set(codes, 64 * j + 32 + l, (v >>> 4 & LOW4) | (h >>> (2 * j + 1) & LOW1) << 4);
      }
    }
  }

  @Override
  void packBytes(byte[] codes, byte[] b, int off) {
    int qh = off + 16;
    int qs = off + 48;
    for (int l = 0; l < 32; l += 8) {
      long h = 0;
      for (int j = 0; j < 4; j++) {
        long lo = (long) Swar.LONG.get(codes, 64 * j + l);
        long hi = (long) Swar.LONG.get(codes, 64 * j + 32 + l);
        Swar.LONG.set(b, qs + 32 * j + l, (lo & LOW4) | (hi & LOW4) << 4);
        h |= (lo >>> 4 & LOW1) << (2 * j) | (hi >>> 4 & LOW1) << (2 * j + 1);
      }
      Swar.LONG.set(b, qh + l, h);
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
