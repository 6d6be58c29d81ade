package dev.modelfleet.delta.internal.transform;

import dev.modelfleet.delta.internal.bytes.ByteBuilder;

/** Q4_K: fp16 d and dmin, 12 bytes of 6-bit scales/mins, 256 4-bit quants in 8 sub-blocks. */
final class Q4_KCodec extends BlockCodec {
  private static final int[] SUB = KQuantScales.subBlocks();

  private static final long NIBBLES = 0x0F0F0F0F0F0F0F0FL;

  /** Added to a nibble before subtracting another so that no byte borrows. */
  private static final long SIXTEENS = 0x1010101010101010L;

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

  /**
   * The residual plane of a 4-bit type has the quant area's layout: byte {@code 32j + l} holds the
   * residuals of codes {@code 64j + l} (sub-block 2j, low nibble) and {@code 64j + 32 + l}
   * (sub-block 2j + 1, high nibble).
   */
  @Override
  boolean encodePacked(
      byte[] old,
      int oldOff,
      byte[] neu,
      int newOff,
      State s,
      boolean allKeep,
      byte[] out,
      int outOff,
      ByteBuilder escapes) {
    for (int j = 0; j < 4; j++) {
      for (int l = 0; l < 32; l += 8) {
        long ov = (long) Swar.LONG.get(old, oldOff + 16 + 32 * j + l);
        long nv = (long) Swar.LONG.get(neu, newOff + 16 + 32 * j + l);
        long lo = predicted8(ov & NIBBLES, s, allKeep, 2 * j);
        long hi = predicted8(ov >>> 4 & NIBBLES, s, allKeep, 2 * j + 1);
        long rlo = ((nv & NIBBLES | SIXTEENS) - lo) & NIBBLES;
        long rhi = ((nv >>> 4 & NIBBLES | SIXTEENS) - hi) & NIBBLES;
        Swar.LONG.set(out, outOff + 32 * j + l, rlo | rhi << 4);
      }
    }
    return true;
  }

  @Override
  int applyPacked(
      byte[] buf,
      int off,
      byte[] payload,
      int nb,
      int escPos,
      int escEnd,
      State s,
      boolean allKeep) {
    for (int j = 0; j < 4; j++) {
      for (int l = 0; l < 32; l += 8) {
        int at = off + 16 + 32 * j + l;
        long v = (long) Swar.LONG.get(buf, at);
        long r = (long) Swar.LONG.get(payload, nb + 32 * j + l);
        // Codes and residuals are below 16: their byte-wise sums cannot carry.
        long lo = (predicted8(v & NIBBLES, s, allKeep, 2 * j) + (r & NIBBLES)) & NIBBLES;
        long hi =
            (predicted8(v >>> 4 & NIBBLES, s, allKeep, 2 * j + 1) + (r >>> 4 & NIBBLES)) & NIBBLES;
        Swar.LONG.set(buf, at, lo | hi << 4);
      }
    }
    return escPos;
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
