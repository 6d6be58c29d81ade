package dev.modelfleet.gguf.quant;

import dev.modelfleet.gguf.GgmlType;
import java.util.Objects;

/**
 * ggml's reference quantizers ({@code quantize_row_*_ref}) and dequantizers for F32, F16, BF16,
 * Q8_0, Q4_0 and the k-quants Q4_K, Q5_K, Q6_K, computed in the C reference code's float operation
 * order (no fused multiply-add). Blocks are little-endian as in GGUF files. The k-quant quantizers
 * search scales per sub-block and are about 20× slower than Q8_0.
 */
public final class Quantization {
  private static final int QK = 32;

  private Quantization() {}

  /** Whether this class can quantize to and dequantize from {@code type}. */
  public static boolean isSupported(GgmlType type) {
    return type == GgmlType.F32
        || type == GgmlType.F16
        || type == GgmlType.BF16
        || type == GgmlType.Q8_0
        || type == GgmlType.Q4_0
        || type == GgmlType.Q4_K
        || type == GgmlType.Q5_K
        || type == GgmlType.Q6_K;
  }

  /**
   * Quantizes {@code n} floats from {@code src[srcOff]} into {@code dst[dstOff]}, writing {@code
   * type.byteSize(n)} bytes.
   *
   * @throws IllegalArgumentException if {@code type} is not supported or {@code n} is not a
   *     multiple of its block size
   * @throws IndexOutOfBoundsException if a range is outside its array
   */
  public static void quantize(
      GgmlType type, float[] src, int srcOff, int n, byte[] dst, int dstOff) {
    long bytes = checkedSize(type, n);
    Objects.checkFromIndexSize(srcOff, n, src.length);
    Objects.checkFromIndexSize(dstOff, (int) bytes, dst.length);
    switch (type) {
      case F32 -> {
        for (int i = 0; i < n; i++) {
          putInt(dst, dstOff + 4 * i, Float.floatToRawIntBits(src[srcOff + i]));
        }
      }
      case F16 -> {
        for (int i = 0; i < n; i++) {
          putShort(dst, dstOff + 2 * i, Fp16.fromFloat(src[srcOff + i]));
        }
      }
      case BF16 -> {
        for (int i = 0; i < n; i++) {
          putShort(dst, dstOff + 2 * i, Fp16.toBf16(src[srcOff + i]));
        }
      }
      case Q8_0 -> quantizeQ8(src, srcOff, n, dst, dstOff);
      case Q4_0 -> quantizeQ4(src, srcOff, n, dst, dstOff);
      case Q4_K -> KQuants.quantizeQ4K(src, srcOff, n, dst, dstOff);
      case Q5_K -> KQuants.quantizeQ5K(src, srcOff, n, dst, dstOff);
      case Q6_K -> KQuants.quantizeQ6K(src, srcOff, n, dst, dstOff);
      default -> throw unsupported(type);
    }
  }

  /**
   * Dequantizes {@code n} elements from {@code src[srcOff]} into {@code dst[dstOff]}.
   *
   * @throws IllegalArgumentException if {@code type} is not supported or {@code n} is not a
   *     multiple of its block size
   * @throws IndexOutOfBoundsException if a range is outside its array
   */
  public static void dequantize(
      GgmlType type, byte[] src, int srcOff, int n, float[] dst, int dstOff) {
    long bytes = checkedSize(type, n);
    Objects.checkFromIndexSize(srcOff, (int) bytes, src.length);
    Objects.checkFromIndexSize(dstOff, n, dst.length);
    switch (type) {
      case F32 -> {
        for (int i = 0; i < n; i++) {
          dst[dstOff + i] = Float.intBitsToFloat(getInt(src, srcOff + 4 * i));
        }
      }
      case F16 -> {
        for (int i = 0; i < n; i++) {
          dst[dstOff + i] = Fp16.toFloat(getShort(src, srcOff + 2 * i));
        }
      }
      case BF16 -> {
        for (int i = 0; i < n; i++) {
          dst[dstOff + i] = Fp16.fromBf16(getShort(src, srcOff + 2 * i));
        }
      }
      case Q8_0 -> {
        for (int b = 0; b < n / QK; b++) {
          int in = srcOff + b * 34;
          float d = Fp16.toFloat(getShort(src, in));
          for (int j = 0; j < QK; j++) {
            dst[dstOff + b * QK + j] = src[in + 2 + j] * d;
          }
        }
      }
      case Q4_0 -> {
        for (int b = 0; b < n / QK; b++) {
          int in = srcOff + b * 18;
          float d = Fp16.toFloat(getShort(src, in));
          int out = dstOff + b * QK;
          for (int j = 0; j < QK / 2; j++) {
            int q = src[in + 2 + j];
            dst[out + j] = ((q & 0x0F) - 8) * d;
            dst[out + j + QK / 2] = (((q >> 4) & 0x0F) - 8) * d;
          }
        }
      }
      case Q4_K -> KQuants.dequantizeQ45K(src, srcOff, n, dst, dstOff, false);
      case Q5_K -> KQuants.dequantizeQ45K(src, srcOff, n, dst, dstOff, true);
      case Q6_K -> KQuants.dequantizeQ6K(src, srcOff, n, dst, dstOff);
      default -> throw unsupported(type);
    }
  }

  /** {@code quantize_row_q8_0_ref}: d = amax / 127, q = roundf(x / d). */
  private static void quantizeQ8(float[] x, int xOff, int n, byte[] y, int yOff) {
    for (int b = 0; b < n / QK; b++) {
      int in = xOff + b * QK;
      float amax = 0.0f;
      for (int j = 0; j < QK; j++) {
        // C's MAX(amax, fabsf(v)) macro, not Math.max: same NaN behaviour, and a plain compare.
        float a = Math.abs(x[in + j]);
        amax = amax > a ? amax : a;
      }
      float d = amax / ((1 << 7) - 1);
      float id = d != 0.0f ? 1.0f / d : 0.0f;
      int out = yOff + b * 34;
      putShort(y, out, Fp16.fromFloat(d));
      for (int j = 0; j < QK; j++) {
        y[out + 2 + j] = (byte) roundToInt(x[in + j] * id);
      }
    }
  }

  /** {@code quantize_row_q4_0_ref}: d = max / -8 (signed max by magnitude), q = x / d + 8.5. */
  private static void quantizeQ4(float[] x, int xOff, int n, byte[] y, int yOff) {
    for (int b = 0; b < n / QK; b++) {
      int in = xOff + b * QK;
      float amax = 0.0f;
      float max = 0.0f;
      for (int j = 0; j < QK; j++) {
        float v = x[in + j];
        if (amax < Math.abs(v)) {
          amax = Math.abs(v);
          max = v;
        }
      }
      float d = max / -8;
      float id = d != 0.0f ? 1.0f / d : 0.0f;
      int out = yOff + b * 18;
      putShort(y, out, Fp16.fromFloat(d));
      for (int j = 0; j < QK / 2; j++) {
        float x0 = x[in + j] * id;
        float x1 = x[in + QK / 2 + j] * id;
        // C's (int8_t) cast truncates toward zero; the sums are never negative here.
        int xi0 = Math.min(15, (int) (x0 + 8.5f));
        int xi1 = Math.min(15, (int) (x1 + 8.5f));
        y[out + 2 + j] = (byte) (xi0 | (xi1 << 4));
      }
    }
  }

  /** C's roundf: halfway cases away from zero (Math.round would round -2.5 to -2). */
  static float roundf(float v) {
    // |v| + 0.5 is exact in double for every float below 2^52, so floor() sees the true sum.
    return (float) Math.copySign(Math.floor(Math.abs((double) v) + 0.5), v);
  }

  /** roundf for the small values of a quantized block, without a floating-point floor. */
  private static int roundToInt(float v) {
    // v ± 0.5 is exact in double, and the int conversion truncates toward zero: halves go away
    // from zero, exactly as roundf. Branch-free: random weights would defeat a branch predictor.
    return (int) ((double) v + Math.copySign(0.5, v));
  }

  private static long checkedSize(GgmlType type, int n) {
    if (!isSupported(type)) {
      throw unsupported(type);
    }
    return type.byteSize(n);
  }

  private static IllegalArgumentException unsupported(GgmlType type) {
    return new IllegalArgumentException(
        "quantization to "
            + type
            + " is not supported (only F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K, Q6_K)");
  }

  static void putShort(byte[] b, int at, short v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
  }

  static short getShort(byte[] b, int at) {
    return (short) ((b[at] & 0xFF) | (b[at + 1] << 8));
  }

  static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
    b[at + 2] = (byte) (v >>> 16);
    b[at + 3] = (byte) (v >>> 24);
  }

  static int getInt(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | b[at + 3] << 24;
  }
}
