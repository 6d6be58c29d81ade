package dev.modelfleet.delta.internal.transform;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.internal.bytes.ByteBuilder;

/**
 * Q8_0: fp16 {@code d}, 32 signed 8-bit quants; value = d·q. The most common type of published
 * models, so {@link #encode} and {@link #apply} are hand-specialized versions of the generic block
 * transform (tests check they agree byte for byte): when the scale barely changes the prediction is
 * the old quant and 8 quants are corrected at a time with byte-wise arithmetic.
 */
final class Q8_0Codec extends BlockCodec {
  /**
   * {@code keeps(r, 0, lo, hi)} for q in −128…127 holds exactly when {@code |r − ONE| <
   * KEEP_BELOW}.
   */
  static final int KEEP_BELOW = 256;

  private static final int KEEP_ULPS = keepUlps(KEEP_BELOW);

  private static final int[] SUB = new int[32];
  private static final int BLOCK = 34;

  /** Two residuals (low byte, high byte) for a nibble byte without escapes. */
  private static final int[] RESIDUAL_PAIR = residualPairs();

  /** The zigzag symbol of each residual byte. */
  private static final int[] ZIGZAG = zigzag();

  Q8_0Codec() {
    super("Q8_0", BLOCK, 32, 8, 1, -128, 127, new int[] {0}, new int[] {2}, 2);
  }

  @Override
  public void encode(byte[] old, int oldOff, byte[] neu, int newOff, int length, ByteBuilder out) {
    if (length % BLOCK != 0) {
      throw new IllegalArgumentException("Q8_0 length " + length + " is not a multiple of 34");
    }
    int n = length / BLOCK;
    int scalePos = out.reserve(n * 18);
    int nibPos = scalePos + 2 * n;
    byte[] o = out.array();
    ByteBuilder escapes = new ByteBuilder(64);
    byte[] diff = new byte[32];
    for (int i = 0; i < n; i++) {
      int ob = oldOff + i * BLOCK;
      int nb = newOff + i * BLOCK;
      int d0 = read16(old, ob);
      int d1 = read16(neu, nb);
      int dd = (d1 - d0) & 0xFFFF;
      o[scalePos + 2 * i] = (byte) dd;
      o[scalePos + 2 * i + 1] = (byte) (dd >>> 8);
      int r = ratio(d0, d1, KEEP_BELOW, KEEP_ULPS);
      if (keeps(r, 0, -128, 127)) {
        for (int k = 0; k < 32; k += 8) {
          long a = (long) Swar.LONG.get(neu, nb + 2 + k);
          long b = (long) Swar.LONG.get(old, ob + 2 + k);
          Swar.LONG.set(diff, k, Swar.subBytes(a, b));
        }
      } else {
        for (int j = 0; j < 32; j++) {
          diff[j] = (byte) (neu[nb + 2 + j] - predict(old[ob + 2 + j], r));
        }
      }
      int base = nibPos + 16 * i;
      for (int j = 0; j < 32; j += 2) {
        int z0 = ZIGZAG[diff[j] & 0xFF];
        int z1 = ZIGZAG[diff[j + 1] & 0xFF];
        o[base + (j >> 1)] = ResidualPlane.packPair(z0, z1, escapes);
      }
    }
    out.write(escapes.array(), 0, escapes.size());
  }

  @Override
  public void apply(byte[] buf, int off, int length, byte[] payload, int pOff, int pLen)
      throws PatchException {
    int n = checkPayload(length, pLen);
    int nibPos = pOff + 2 * n;
    int escPos = pOff + 18 * n;
    int escEnd = pOff + pLen;
    byte[] res = new byte[32];
    for (int i = 0; i < n; i++) {
      int bo = off + i * BLOCK;
      int d0 = read16(buf, bo);
      int d1 = (d0 + read16(payload, pOff + 2 * i)) & 0xFFFF;
      buf[bo] = (byte) d1;
      buf[bo + 1] = (byte) (d1 >>> 8);
      int base = nibPos + 16 * i;
      // Residuals of the block's 32 quants, 8 at a time unless a group has escapes.
      for (int g = 0; g < 4; g++) {
        int x = (int) Swar.INT.get(payload, base + 4 * g);
        if (!Swar.hasNibble15(x)) {
          long r8 =
              RESIDUAL_PAIR[x & 0xFF]
                  | (long) RESIDUAL_PAIR[(x >>> 8) & 0xFF] << 16
                  | (long) RESIDUAL_PAIR[(x >>> 16) & 0xFF] << 32
                  | (long) RESIDUAL_PAIR[x >>> 24] << 48;
          Swar.LONG.set(res, 8 * g, r8);
          continue;
        }
        for (int k = 0; k < 4; k++) {
          int v = (x >>> (8 * k)) & 0xFF;
          int z0 = v & 15;
          int z1 = v >>> 4;
          if (z0 == 15) {
            if (escPos >= escEnd) {
              throw escapesCutOff("Q8_0");
            }
            z0 = 15 + (payload[escPos++] & 0xFF);
          }
          if (z1 == 15) {
            if (escPos >= escEnd) {
              throw escapesCutOff("Q8_0");
            }
            z1 = 15 + (payload[escPos++] & 0xFF);
          }
          if (z0 > 255 || z1 > 255) {
            throw escapeOutOfRange("Q8_0");
          }
          res[8 * g + 2 * k] = (byte) ((z0 >>> 1) ^ -(z0 & 1));
          res[8 * g + 2 * k + 1] = (byte) ((z1 >>> 1) ^ -(z1 & 1));
        }
      }
      int r = ratio(d0, d1, KEEP_BELOW, KEEP_ULPS);
      if (keeps(r, 0, -128, 127)) {
        for (int k = 0; k < 32; k += 8) {
          long a = (long) Swar.LONG.get(buf, bo + 2 + k);
          Swar.LONG.set(buf, bo + 2 + k, Swar.addBytes(a, (long) Swar.LONG.get(res, k)));
        }
      } else {
        // A plain loop over bytes: C2 runs it about twice as fast as unpacking 8-byte words.
        int qs = bo + 2;
        for (int j = 0; j < 32; j++) {
          buf[qs + j] = (byte) (predict(buf[qs + j], r) + res[j]);
        }
      }
    }
    if (escPos != escEnd) {
      throw escapesTrailing("Q8_0", escEnd - escPos);
    }
  }

  private static int predict(int q, int r) {
    int p = (q * r + 32768) >> 16;
    return p < -128 ? -128 : Math.min(p, 127);
  }

  private static int[] residualPairs() {
    int[] t = new int[256];
    for (int v = 0; v < 256; v++) {
      int z0 = v & 15;
      int z1 = v >>> 4;
      int r0 = (z0 >>> 1) ^ -(z0 & 1);
      int r1 = (z1 >>> 1) ^ -(z1 & 1);
      t[v] = (r0 & 0xFF) | (r1 & 0xFF) << 8;
    }
    return t;
  }

  private static int[] zigzag() {
    int[] t = new int[256];
    for (int v = 0; v < 256; v++) {
      int r = (byte) v;
      t[v] = (r << 1) ^ (r >> 31);
    }
    return t;
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
