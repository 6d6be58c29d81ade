package dev.modelfleet.delta.internal.transform;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.internal.bytes.ByteBuilder;

/**
 * The residual plane of the wider block types (more than 4 bits per code): one zigzag symbol per
 * code, two to a byte as nibbles (the first code low), and symbols of 15 or more as nibble 15 plus
 * an escape byte {@code z − 15} in code order. Works on symbols held one per byte, 8 at a time
 * where no escape is involved (the common case of a fine-tune).
 */
final class ResidualPlane {
  private static final long EVEN_NIBBLES = 0x000F000F000F000FL;
  private static final long LOW_BITS = 0x0101010101010101L;

  private ResidualPlane() {}

  /**
   * Writes the {@code n} symbols {@code z[0, n)} (each below 128, {@code n} a multiple of 8) as
   * {@code n / 2} nibble bytes at {@code out[outOff..]}, their escapes to {@code escapes}.
   */
  static void pack(byte[] z, int n, byte[] out, int outOff, ByteBuilder escapes) {
    for (int j = 0; j < n; j += 8) {
      long x = (long) Swar.LONG.get(z, j);
      if (((x + 0x7171717171717171L) & 0x8080808080808080L) == 0) {
        // All 8 below 15: byte 2k of t holds z[2k] | z[2k+1] << 4; keep the even bytes.
        long t = x | x >>> 4;
        int packed =
            (int)
                ((t & 0xFFL)
                    | (t >>> 8 & 0xFF00L)
                    | (t >>> 16 & 0xFF0000L)
                    | (t >>> 24 & 0xFF000000L));
        Swar.INT.set(out, outOff + (j >> 1), packed);
        continue;
      }
      for (int k = j; k < j + 8; k += 2) {
        int z0 = z[k];
        int z1 = z[k + 1];
        out[outOff + (k >> 1)] = packPair(z0, z1, escapes);
      }
    }
  }

  /** The nibble byte of two symbols; those of 15 or more become 15 and write their escape. */
  static byte packPair(int z0, int z1, ByteBuilder escapes) {
    int lo = z0;
    int hi = z1;
    if (lo >= 15) {
      escapes.write(lo - 15);
      lo = 15;
    }
    if (hi >= 15) {
      escapes.write(hi - 15);
      hi = 15;
    }
    return (byte) (lo | hi << 4);
  }

  /**
   * Reads {@code n} symbols (a multiple of 8) from the nibble bytes at {@code payload[nb..]} and
   * the escapes from {@code escPos} into {@code z[0, n)}; returns the next escape position.
   *
   * @throws PatchException if the escapes run past {@code escEnd} or a symbol exceeds {@code max}
   */
  static int unpack(
      byte[] payload, int nb, int escPos, int escEnd, int max, String type, byte[] z, int n)
      throws PatchException {
    int e = escPos;
    for (int j = 0; j < n; j += 8) {
      int x = (int) Swar.INT.get(payload, nb + (j >> 1));
      if (!Swar.hasNibble15(x)) {
        // Byte k of x to byte 2k of y, then its two nibbles to bytes 2k and 2k + 1.
        long v = x & 0xFFFFFFFFL;
        long y = (v & 0xFFL) | (v & 0xFF00L) << 8 | (v & 0xFF0000L) << 16 | (v & 0xFF000000L) << 24;
        Swar.LONG.set(z, j, (y & EVEN_NIBBLES) | (y >>> 4 & EVEN_NIBBLES) << 8);
        continue;
      }
      for (int k = j; k < j + 8; k += 2) {
        int v = payload[nb + (k >> 1)];
        int z0 = v & 15;
        int z1 = (v >> 4) & 15;
        if (z0 == 15) {
          if (e >= escEnd) {
            throw BlockCodec.escapesCutOff(type);
          }
          z0 = 15 + (payload[e++] & 0xFF);
        }
        if (z1 == 15) {
          if (e >= escEnd) {
            throw BlockCodec.escapesCutOff(type);
          }
          z1 = 15 + (payload[e++] & 0xFF);
        }
        if (z0 > max || z1 > max) {
          throw BlockCodec.escapeOutOfRange(type);
        }
        z[k] = (byte) z0;
        z[k + 1] = (byte) z1;
      }
    }
    return e;
  }

  /**
   * The zigzag symbols of 8 residuals held one per byte as {@code bits}-bit two's-complement values
   * (0 … 2^bits − 1, for {@code bits} of 5 to 7): 0, −1, 1, −2, … become 0, 1, 2, 3, ….
   */
  static long zigzag(long d, int bits) {
    long negative = (d >>> (bits - 1) & LOW_BITS) * 0xFF;
    long twice = d << 1;
    // For a negative v = d − 2^bits the symbol −2v − 1 is 2^(bits+1) − 1 − 2d: no byte borrows.
    long top = ((1L << (bits + 1)) - 1) * LOW_BITS;
    return (twice & ~negative) | ((top - twice) & negative);
  }

  /** The inverse of {@link #zigzag}: each byte's residual mod 2^bits, from symbols below 2^bits. */
  static long unzigzag(long z, int bits) {
    return (z >>> 1 & 0x7F7F7F7F7F7F7F7FL) ^ ((z & LOW_BITS) * ((1 << bits) - 1));
  }
}
