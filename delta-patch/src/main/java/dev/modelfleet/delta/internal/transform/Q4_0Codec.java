package dev.modelfleet.delta.internal.transform;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.internal.bytes.ByteBuilder;

/**
 * Q4_0: fp16 {@code d}, 32 4-bit quants (low nibbles first); value = d·(c − 8). Hand-specialized
 * like {@link Q8_0Codec}: the residual plane has the quant area's layout, so a block whose scale
 * barely changed is corrected with two nibble-wise additions.
 */
final class Q4_0Codec extends BlockCodec {
  /**
   * {@code keeps(r, 0, lo, hi)} for q in −8…7 holds exactly when {@code |r − ONE| < KEEP_BELOW}.
   */
  static final int KEEP_BELOW = 4096;

  private static final int KEEP_ULPS = keepUlps(KEEP_BELOW);

  private static final int[] SUB = new int[32];
  private static final int BLOCK = 18;

  Q4_0Codec() {
    super("Q4_0", BLOCK, 32, 4, 1, -8, 7, new int[] {0}, new int[] {2}, 2);
  }

  @Override
  public void encode(byte[] old, int oldOff, byte[] neu, int newOff, int length, ByteBuilder out) {
    if (length % BLOCK != 0) {
      throw new IllegalArgumentException("Q4_0 length " + length + " is not a multiple of 18");
    }
    int n = length / BLOCK;
    int scalePos = out.reserve(n * 18);
    int resPos = scalePos + 2 * n;
    byte[] o = out.array();
    for (int i = 0; i < n; i++) {
      int ob = oldOff + i * BLOCK;
      int nb = newOff + i * BLOCK;
      int d0 = read16(old, ob);
      int d1 = read16(neu, nb);
      int dd = (d1 - d0) & 0xFFFF;
      o[scalePos + 2 * i] = (byte) dd;
      o[scalePos + 2 * i + 1] = (byte) (dd >>> 8);
      int r = ratio(d0, d1, KEEP_BELOW, KEEP_ULPS);
      int rb = resPos + 16 * i;
      if (keeps(r, 0, -8, 7)) {
        for (int k = 0; k < 16; k += 8) {
          long a = (long) Swar.LONG.get(neu, nb + 2 + k);
          long b = (long) Swar.LONG.get(old, ob + 2 + k);
          Swar.LONG.set(o, rb + k, Swar.subNibbles(a, b));
        }
      } else {
        for (int j = 0; j < 16; j++) {
          int ov = old[ob + 2 + j];
          int nv = neu[nb + 2 + j];
          int lo = ((nv & 15) - predict(ov & 15, r)) & 15;
          int hi = (((nv >> 4) & 15) - predict((ov >> 4) & 15, r)) & 15;
          o[rb + j] = (byte) (lo | hi << 4);
        }
      }
    }
  }

  @Override
  public void apply(byte[] buf, int off, int length, byte[] payload, int pOff, int pLen)
      throws PatchException {
    int n = checkPayload(length, pLen);
    int resPos = pOff + 2 * n;
    for (int i = 0; i < n; i++) {
      int bo = off + i * BLOCK;
      int d0 = read16(buf, bo);
      int d1 = (d0 + read16(payload, pOff + 2 * i)) & 0xFFFF;
      buf[bo] = (byte) d1;
      buf[bo + 1] = (byte) (d1 >>> 8);
      int r = ratio(d0, d1, KEEP_BELOW, KEEP_ULPS);
      int rb = resPos + 16 * i;
      if (keeps(r, 0, -8, 7)) {
        for (int k = 0; k < 16; k += 8) {
          long a = (long) Swar.LONG.get(buf, bo + 2 + k);
          long b = (long) Swar.LONG.get(payload, rb + k);
          Swar.LONG.set(buf, bo + 2 + k, Swar.addNibbles(a, b));
        }
      } else {
        for (int j = 0; j < 16; j++) {
          int ov = buf[bo + 2 + j];
          int rv = payload[rb + j];
          int lo = (predict(ov & 15, r) + rv) & 15;
          int hi = (predict((ov >> 4) & 15, r) + (rv >> 4)) & 15;
          buf[bo + 2 + j] = (byte) (lo | hi << 4);
        }
      }
    }
  }

  /** The predicted code for old code {@code c} (value c − 8). */
  private static int predict(int c, int r) {
    int p = ((c - 8) * r + 32768) >> 16;
    return (p < -8 ? -8 : Math.min(p, 7)) + 8;
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
