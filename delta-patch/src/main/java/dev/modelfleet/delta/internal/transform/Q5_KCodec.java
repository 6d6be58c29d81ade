package dev.modelfleet.delta.internal.transform;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.internal.bytes.ByteBuilder;

/** Q5_K: as Q4_K plus a fifth bit per quant in {@code qh[32]}. */
final class Q5_KCodec extends BlockCodec {
  private static final int[] SUB = KQuantScales.subBlocks();

  private static final long NIBBLES = 0x0F0F0F0F0F0F0F0FL;
  private static final long LOW_BITS = 0x0101010101010101L;
  private static final long FIVE_BITS = 0x1F1F1F1F1F1F1F1FL;

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

  /**
   * Codes {@code 32m + l … 32m + l + 7}, one per byte (what {@link #unpack} does, 8 at a time):
   * their low 4 bits from the nibbles of {@code qs} at {@code 32(m/2) + l} ({@code v}, low nibbles
   * for even m), the fifth from bit m of {@code qh} at l ({@code h}).
   */
  private static long codes(long v, long h, int m) {
    long low = (m & 1) == 0 ? v & NIBBLES : v >>> 4 & NIBBLES;
    return low | (h >>> m & LOW_BITS) << 4;
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
    for (int l = 0; l < 32; l += 8) {
      long oh = (long) Swar.LONG.get(old, oldOff + 16 + l);
      long nh = (long) Swar.LONG.get(neu, newOff + 16 + l);
      for (int j = 0; j < 4; j++) {
        long ov = (long) Swar.LONG.get(old, oldOff + 48 + 32 * j + l);
        long nv = (long) Swar.LONG.get(neu, newOff + 48 + 32 * j + l);
        for (int m = 2 * j; m < 2 * j + 2; m++) {
          // Code 32m + l is in sub-block m.
          long pred = predicted8(codes(ov, oh, m), s, allKeep, m);
          // (new − predicted) mod 32 per byte: adding 32 first keeps every byte from borrowing.
          long d = ((codes(nv, nh, m) | 0x2020202020202020L) - pred) & FIVE_BITS;
          Swar.LONG.set(symbols, 32 * m + l, ResidualPlane.zigzag(d, 5));
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
    int e = ResidualPlane.unpack(payload, nb, escPos, escEnd, 31, "Q5_K", symbols, 256);
    for (int l = 0; l < 32; l += 8) {
      int qh = off + 16 + l;
      long h = (long) Swar.LONG.get(buf, qh);
      long newH = 0;
      for (int j = 0; j < 4; j++) {
        int qs = off + 48 + 32 * j + l;
        long v = (long) Swar.LONG.get(buf, qs);
        long lo = next8(codes(v, h, 2 * j), s, allKeep, 2 * j, 64 * j + l, 5);
        long hi = next8(codes(v, h, 2 * j + 1), s, allKeep, 2 * j + 1, 64 * j + 32 + l, 5);
        Swar.LONG.set(buf, qs, (lo & NIBBLES) | (hi & NIBBLES) << 4);
        newH |= (lo >>> 4 & LOW_BITS) << (2 * j) | (hi >>> 4 & LOW_BITS) << (2 * j + 1);
      }
      Swar.LONG.set(buf, qh, newH);
    }
    return e;
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
