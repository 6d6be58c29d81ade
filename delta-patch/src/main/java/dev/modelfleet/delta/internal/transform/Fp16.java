package dev.modelfleet.delta.internal.transform;

/** Exact IEEE 754 binary16 values (Java 17 has no {@code Float.float16ToFloat}). */
final class Fp16 {
  private static final float[] VALUES = table();

  private Fp16() {}

  /** The exact value of the binary16 bit pattern {@code bits} (0–65535). */
  static double value(int bits) {
    return VALUES[bits];
  }

  private static float[] table() {
    float[] t = new float[1 << 16];
    for (int h = 0; h < t.length; h++) {
      int sign = h >>> 15;
      int exp = (h >>> 10) & 0x1F;
      int mant = h & 0x3FF;
      float v;
      if (exp == 0) {
        v = Math.scalb((float) mant, -24);
      } else if (exp == 31) {
        v = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
      } else {
        v = Math.scalb((float) (1024 + mant), exp - 25);
      }
      t[h] = sign == 0 ? v : -v;
    }
    return t;
  }
}
