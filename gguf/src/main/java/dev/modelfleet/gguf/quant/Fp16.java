package dev.modelfleet.gguf.quant;

/**
 * IEEE half precision and bfloat16 conversions exactly as ggml computes them: round to nearest,
 * ties to even; NaN becomes a quiet NaN.
 */
public final class Fp16 {
  private static final float SCALE_TO_INF = 0x1.0p+112f;
  private static final float SCALE_TO_ZERO = 0x1.0p-110f;

  private Fp16() {}

  /** The half-precision bits nearest to {@code f} (ties to even; overflow becomes infinity). */
  public static short fromFloat(float f) {
    // ggml's portable fp32 -> fp16 (from the FP16 library): float arithmetic does the rounding.
    float base = (Math.abs(f) * SCALE_TO_INF) * SCALE_TO_ZERO;
    int w = Float.floatToRawIntBits(f);
    int shl1W = w + w;
    int sign = w & 0x80000000;
    int bias = shl1W & 0xFF000000;
    if (Integer.compareUnsigned(bias, 0x71000000) < 0) {
      bias = 0x71000000;
    }
    base = Float.intBitsToFloat((bias >>> 1) + 0x07800000) + base;
    int bits = Float.floatToRawIntBits(base);
    int expBits = (bits >>> 13) & 0x00007C00;
    int mantissaBits = bits & 0x00000FFF;
    int nonsign = expBits + mantissaBits;
    return (short)
        ((sign >>> 16) | (Integer.compareUnsigned(shl1W, 0xFF000000) > 0 ? 0x7E00 : nonsign));
  }

  /** The float that half-precision {@code h} represents (exact). */
  public static float toFloat(short h) {
    int bits = h & 0xFFFF;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1F;
    int mantissa = bits & 0x3FF;
    if (exp == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
    }
    if (exp == 0) {
      float v = mantissa * 0x1.0p-24f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mantissa << 13));
  }

  /** The bfloat16 bits nearest to {@code f}, as ggml's {@code ggml_compute_fp32_to_bf16}. */
  public static short toBf16(float f) {
    int u = Float.floatToRawIntBits(f);
    if ((u & 0x7FFFFFFF) > 0x7F800000) {
      return (short) ((u >>> 16) | 64);
    }
    return (short) ((u + (0x7FFF + ((u >>> 16) & 1))) >>> 16);
  }

  /** The float that bfloat16 {@code b} represents (exact). */
  public static float fromBf16(short b) {
    return Float.intBitsToFloat((b & 0xFFFF) << 16);
  }
}
