package dev.modelfleet.delta.internal.transform;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.internal.bytes.ByteBuilder;

/**
 * Transforms 2–4 (F32, F16, BF16): the zigzag-coded difference of order-preserving integer keys of
 * the bit patterns, split into byte planes (most significant first), so that the high bytes of a
 * small change are runs of zeros.
 */
final class FloatDeltaCodec implements TransformCodec {
  private final String name;
  private final int width;

  FloatDeltaCodec(String name, int width) {
    if (width != 2 && width != 4) {
      throw new IllegalArgumentException("width must be 2 or 4 but was " + width);
    }
    this.name = name;
    this.width = width;
  }

  @Override
  public int unit() {
    return width;
  }

  @Override
  public void encode(byte[] old, int oldOff, byte[] neu, int newOff, int length, ByteBuilder out) {
    if (length % width != 0) {
      throw new IllegalArgumentException(
          name + " length " + length + " is not a multiple of " + width);
    }
    int n = length / width;
    int at = out.reserve(length);
    byte[] o = out.array();
    if (width == 4) {
      for (int i = 0; i < n; i++) {
        int a = key32(read32(old, oldOff + 4 * i));
        int b = key32(read32(neu, newOff + 4 * i));
        int d = b - a;
        int z = (d << 1) ^ (d >> 31);
        o[at + i] = (byte) (z >>> 24);
        o[at + n + i] = (byte) (z >>> 16);
        o[at + 2 * n + i] = (byte) (z >>> 8);
        o[at + 3 * n + i] = (byte) z;
      }
    } else {
      for (int i = 0; i < n; i++) {
        int a = key16(read16(old, oldOff + 2 * i));
        int b = key16(read16(neu, newOff + 2 * i));
        int d = (short) (b - a);
        int z = ((d << 1) ^ (d >> 31)) & 0xFFFF;
        o[at + i] = (byte) (z >>> 8);
        o[at + n + i] = (byte) z;
      }
    }
  }

  @Override
  public void apply(byte[] buf, int off, int length, byte[] payload, int pOff, int pLen)
      throws PatchException {
    Corrupt.checkUnit(name, length, width);
    if (pLen != length) {
      throw Corrupt.of(
          name + " transform of " + length + " bytes has a payload of " + pLen + " bytes");
    }
    int n = length / width;
    if (width == 4) {
      for (int i = 0; i < n; i++) {
        int z =
            (payload[pOff + i] & 0xFF) << 24
                | (payload[pOff + n + i] & 0xFF) << 16
                | (payload[pOff + 2 * n + i] & 0xFF) << 8
                | (payload[pOff + 3 * n + i] & 0xFF);
        int d = (z >>> 1) ^ -(z & 1);
        int p = off + 4 * i;
        int v = key32(key32(read32(buf, p)) + d);
        buf[p] = (byte) v;
        buf[p + 1] = (byte) (v >>> 8);
        buf[p + 2] = (byte) (v >>> 16);
        buf[p + 3] = (byte) (v >>> 24);
      }
    } else {
      for (int i = 0; i < n; i++) {
        int z = (payload[pOff + i] & 0xFF) << 8 | (payload[pOff + n + i] & 0xFF);
        int d = (z >>> 1) ^ -(z & 1);
        int p = off + 2 * i;
        int v = key16((key16(read16(buf, p)) + d) & 0xFFFF);
        buf[p] = (byte) v;
        buf[p + 1] = (byte) (v >>> 8);
      }
    }
  }

  /** Sign-magnitude to two's-complement order; its own inverse. */
  static int key32(int bits) {
    return bits ^ ((bits >> 31) & 0x7FFFFFFF);
  }

  static int key16(int bits) {
    return bits ^ (-((bits >>> 15) & 1) & 0x7FFF);
  }

  private static int read32(byte[] b, int p) {
    return (b[p] & 0xFF)
        | (b[p + 1] & 0xFF) << 8
        | (b[p + 2] & 0xFF) << 16
        | (b[p + 3] & 0xFF) << 24;
  }

  private static int read16(byte[] b, int p) {
    return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
  }
}
