package dev.modelfleet.delta.internal.transform;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.internal.bytes.ByteBuilder;

/**
 * Q6_K: {@code ql[128]} low nibbles, {@code qh[64]} high 2-bit pairs, 16 signed 8-bit sub-block
 * scales, fp16 {@code d} at the end; value = d·scale·(c − 32).
 */
final class Q6_KCodec extends BlockCodec {
  private static final int[] SUB = subBlocks();

  private static final long NIBBLES = 0x0F0F0F0F0F0F0F0FL;
  private static final long PAIRS = 0x0303030303030303L;
  private static final long SIX_BITS = 0x3F3F3F3F3F3F3F3FL;

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

  /**
   * Codes {@code c + l … c + l + 7} (k = 0), {@code + 32} (k = 1), {@code + 64} (k = 2) or {@code +
   * 96} (k = 3), one per byte, from 8 bytes of {@code ql} at l ({@code a}), at l + 32 ({@code b})
   * and of {@code qh} at l ({@code h}): what {@link #unpack} does, 8 codes at a time.
   */
  private static long codes(long a, long b, long h, int k) {
    return switch (k) {
      case 0 -> (a & NIBBLES) | (h & PAIRS) << 4;
      case 1 -> (b & NIBBLES) | (h >>> 2 & PAIRS) << 4;
      case 2 -> (a >>> 4 & NIBBLES) | (h >>> 4 & PAIRS) << 4;
      default -> (b >>> 4 & NIBBLES) | (h >>> 6 & PAIRS) << 4;
    };
  }

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
    byte[] symbols = s.symbols;
    for (int h = 0; h < 2; h++) {
      for (int l = 0; l < 32; l += 8) {
        int ql = 64 * h + l;
        int qh = 128 + 32 * h + l;
        long oa = (long) Swar.LONG.get(old, oldOff + ql);
        long ob = (long) Swar.LONG.get(old, oldOff + ql + 32);
        long oh = (long) Swar.LONG.get(old, oldOff + qh);
        long na = (long) Swar.LONG.get(neu, newOff + ql);
        long nb = (long) Swar.LONG.get(neu, newOff + ql + 32);
        long nh = (long) Swar.LONG.get(neu, newOff + qh);
        for (int k = 0; k < 4; k++) {
          long pred = predicted8(codes(oa, ob, oh, k), s, allKeep, 8 * h + l / 16 + 2 * k);
          // (new − predicted) mod 64 per byte: adding 64 first keeps every byte from borrowing.
          long d = ((codes(na, nb, nh, k) | 0x4040404040404040L) - pred) & SIX_BITS;
          Swar.LONG.set(symbols, 128 * h + 32 * k + l, ResidualPlane.zigzag(d, 6));
        }
      }
    }
    ResidualPlane.pack(symbols, 256, out, outOff, escapes);
    return true;
  }

  @Override
  int applyPacked(
      byte[] buf, int off, byte[] payload, int nb, int escPos, int escEnd, State s, boolean allKeep)
      throws PatchException {
    byte[] symbols = s.symbols;
    int e = ResidualPlane.unpack(payload, nb, escPos, escEnd, 63, "Q6_K", symbols, 256);
    for (int h = 0; h < 2; h++) {
      for (int l = 0; l < 32; l += 8) {
        int ql = off + 64 * h + l;
        int qh = off + 128 + 32 * h + l;
        long a = (long) Swar.LONG.get(buf, ql);
        long b = (long) Swar.LONG.get(buf, ql + 32);
        long hh = (long) Swar.LONG.get(buf, qh);
        int c = 128 * h + l;
        int t = 8 * h + l / 16;
        long c0 = next8(codes(a, b, hh, 0), s, allKeep, t, c, 6);
        long c1 = next8(codes(a, b, hh, 1), s, allKeep, t + 2, c + 32, 6);
        long c2 = next8(codes(a, b, hh, 2), s, allKeep, t + 4, c + 64, 6);
        long c3 = next8(codes(a, b, hh, 3), s, allKeep, t + 6, c + 96, 6);
        Swar.LONG.set(buf, ql, (c0 & NIBBLES) | (c2 & NIBBLES) << 4);
        Swar.LONG.set(buf, ql + 32, (c1 & NIBBLES) | (c3 & NIBBLES) << 4);
        Swar.LONG.set(
            buf,
            qh,
            (c0 >>> 4 & PAIRS)
                | (c1 >>> 4 & PAIRS) << 2
                | (c2 >>> 4 & PAIRS) << 4
                | (c3 >>> 4 & PAIRS) << 6);
      }
    }
    return e;
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
