package dev.modelfleet.gguf.quant;

/**
 * The k-quant reference quantizers of ggml ({@code quantize_row_q4_K_ref}, {@code _q5_K_ref},
 * {@code _q6_K_ref}) and their dequantizers, operation for operation in the same float order, on
 * super-blocks of 256 elements. Block layouts (little-endian): Q4_K = d, dmin, scales[12], qs[128];
 * Q5_K = d, dmin, scales[12], qh[32], qs[128]; Q6_K = ql[128], qh[64], scales[16], d.
 */
final class KQuants {
  static final int QK_K = 256;
  private static final float GROUP_MAX_EPS = 1e-15f;

  private KQuants() {}

  /** ggml's nearest_int: round half to even through the 1.5·2^23 trick. */
  static int nearestInt(float f) {
    return (Float.floatToRawIntBits(f + 12582912.0f) & 0x007FFFFF) - 0x00400000;
  }

  // ---- Q4_K / Q5_K ---------------------------------------------------------------------------

  static void quantizeQ4K(float[] x, int xo, int n, byte[] y, int yo) {
    quantizeQ45K(x, xo, n, y, yo, 15);
  }

  static void quantizeQ5K(float[] x, int xo, int n, byte[] y, int yo) {
    quantizeQ45K(x, xo, n, y, yo, 31);
  }

  private static void quantizeQ45K(float[] x, int xo, int n, byte[] y, int yo, int nmax) {
    boolean five = nmax == 31;
    int blockBytes = five ? 176 : 144;
    int[] l = new int[QK_K];
    int[] laux = new int[32];
    float[] weights = new float[32];
    float[] mins = new float[QK_K / 32];
    float[] scales = new float[QK_K / 32];
    float[] theMin = new float[1];
    byte[] packed = new byte[12];
    for (int b = 0; b < n / QK_K; b++) {
      int xb = xo + b * QK_K;
      int out = yo + b * blockBytes;
      float maxScale = 0;
      float maxMin = 0;
      for (int j = 0; j < QK_K / 32; j++) {
        float sumX2 = 0;
        for (int i = 0; i < 32; i++) {
          sumX2 += x[xb + 32 * j + i] * x[xb + 32 * j + i];
        }
        float avX = (float) Math.sqrt(sumX2 / 32);
        for (int i = 0; i < 32; i++) {
          weights[i] = avX + Math.abs(x[xb + 32 * j + i]);
        }
        scales[j] =
            five
                ? makeQkx2(
                    32, 31, x, xb + 32 * j, weights, l, 32 * j, theMin, laux, -0.5f, 0.1f, 15)
                : makeQkx2(
                    32, 15, x, xb + 32 * j, weights, l, 32 * j, theMin, laux, -1.0f, 0.1f, 20);
        mins[j] = theMin[0];
        if (scales[j] > maxScale) {
          maxScale = scales[j];
        }
        if (mins[j] > maxMin) {
          maxMin = mins[j];
        }
      }
      float invScale = maxScale > 0 ? 63.0f / maxScale : 0.0f;
      float invMin = maxMin > 0 ? 63.0f / maxMin : 0.0f;
      java.util.Arrays.fill(packed, (byte) 0);
      for (int j = 0; j < QK_K / 32; j++) {
        // uint8_t ls = nearest_int(...): truncated to a byte, then clamped to 63.
        int ls = Math.min(63, nearestInt(invScale * scales[j]) & 0xFF);
        int lm = Math.min(63, nearestInt(invMin * mins[j]) & 0xFF);
        if (j < 4) {
          packed[j] = (byte) ls;
          packed[j + 4] = (byte) lm;
        } else {
          packed[j + 4] = (byte) ((ls & 0xF) | ((lm & 0xF) << 4));
          packed[j - 4] |= (byte) ((ls >> 4) << 6);
          packed[j] |= (byte) ((lm >> 4) << 6);
        }
      }
      short d = Fp16.fromFloat(maxScale / 63.0f);
      short dmin = Fp16.fromFloat(maxMin / 63.0f);
      Quantization.putShort(y, out, d);
      Quantization.putShort(y, out + 2, dmin);
      System.arraycopy(packed, 0, y, out + 4, 12);
      float df = Fp16.toFloat(d);
      float mf = Fp16.toFloat(dmin);
      for (int j = 0; j < QK_K / 32; j++) {
        float dj = df * scaleK4(j, packed);
        if (dj == 0) {
          continue;
        }
        float dm = mf * minK4(j, packed);
        for (int i = 0; i < 32; i++) {
          int q = nearestInt((x[xb + 32 * j + i] + dm) / dj);
          l[32 * j + i] = Math.max(0, Math.min(nmax, q));
        }
      }
      if (five) {
        int qh = out + 16;
        int ql = out + 48;
        java.util.Arrays.fill(y, qh, qh + 32, (byte) 0);
        int m1 = 1;
        int m2 = 2;
        for (int s = 0; s < QK_K; s += 64) {
          for (int j = 0; j < 32; j++) {
            int l1 = l[s + j];
            if (l1 > 15) {
              l1 -= 16;
              y[qh + j] |= (byte) m1;
            }
            int l2 = l[s + j + 32];
            if (l2 > 15) {
              l2 -= 16;
              y[qh + j] |= (byte) m2;
            }
            y[ql + j] = (byte) (l1 | (l2 << 4));
          }
          m1 <<= 2;
          m2 <<= 2;
          ql += 32;
        }
      } else {
        int q = out + 16;
        for (int s = 0; s < QK_K; s += 64) {
          for (int i = 0; i < 32; i++) {
            y[q + i] = (byte) (l[s + i] | (l[s + i + 32] << 4));
          }
          q += 32;
        }
      }
    }
  }

  static void dequantizeQ45K(byte[] src, int so, int n, float[] y, int yo, boolean five) {
    int blockBytes = five ? 176 : 144;
    byte[] packed = new byte[12];
    for (int b = 0; b < n / QK_K; b++) {
      int in = so + b * blockBytes;
      float d = Fp16.toFloat(Quantization.getShort(src, in));
      float min = Fp16.toFloat(Quantization.getShort(src, in + 2));
      System.arraycopy(src, in + 4, packed, 0, 12);
      int q = in + (five ? 48 : 16);
      int qh = in + 16;
      int out = yo + b * QK_K;
      int is = 0;
      int u1 = 1;
      int u2 = 2;
      for (int j = 0; j < QK_K; j += 64) {
        float d1 = d * scaleK4(is, packed);
        float m1 = min * minK4(is, packed);
        float d2 = d * scaleK4(is + 1, packed);
        float m2 = min * minK4(is + 1, packed);
        for (int i = 0; i < 32; i++) {
          int h = five && (src[qh + i] & u1) != 0 ? 16 : 0;
          y[out++] = d1 * ((src[q + i] & 0xF) + h) - m1;
        }
        for (int i = 0; i < 32; i++) {
          int h = five && (src[qh + i] & u2) != 0 ? 16 : 0;
          y[out++] = d2 * (((src[q + i] & 0xFF) >> 4) + h) - m2;
        }
        q += 32;
        is += 2;
        u1 <<= 2;
        u2 <<= 2;
      }
    }
  }

  /** get_scale_min_k4: the 6-bit scale of sub-block j. */
  private static int scaleK4(int j, byte[] q) {
    return j < 4 ? q[j] & 63 : (q[j + 4] & 0xF) | (((q[j - 4] & 0xFF) >> 6) << 4);
  }

  /** get_scale_min_k4: the 6-bit min of sub-block j. */
  private static int minK4(int j, byte[] q) {
    return j < 4 ? q[j + 4] & 63 : ((q[j + 4] & 0xFF) >> 4) | (((q[j] & 0xFF) >> 6) << 4);
  }

  /** make_qkx2_quants: scale and (negated) min of a sub-block, searching nstep+1 scales. */
  private static float makeQkx2(
      int n,
      int nmax,
      float[] x,
      int xo,
      float[] w,
      int[] l,
      int lo,
      float[] theMin,
      int[] laux,
      float rmin,
      float rdelta,
      int nstep) {
    float min = x[xo];
    float max = x[xo];
    float sumW = w[0];
    float sumX = sumW * x[xo];
    for (int i = 1; i < n; i++) {
      float v = x[xo + i];
      if (v < min) {
        min = v;
      }
      if (v > max) {
        max = v;
      }
      sumW += w[i];
      sumX += w[i] * v;
    }
    if (min > 0) {
      min = 0;
    }
    if (max == min) {
      java.util.Arrays.fill(l, lo, lo + n, 0);
      theMin[0] = -min;
      return 0.0f;
    }
    float iscale = nmax / (max - min);
    float scale = 1 / iscale;
    float bestError = 0;
    for (int i = 0; i < n; i++) {
      int q = Math.max(0, Math.min(nmax, nearestInt(iscale * (x[xo + i] - min))));
      l[lo + i] = q;
      float diff = scale * q + min - x[xo + i];
      bestError += w[i] * (diff * diff);
    }
    for (int is = 0; is <= nstep; is++) {
      iscale = (rmin + rdelta * is + nmax) / (max - min);
      float sumL = 0;
      float sumL2 = 0;
      float sumXL = 0;
      for (int i = 0; i < n; i++) {
        int q = Math.max(0, Math.min(nmax, nearestInt(iscale * (x[xo + i] - min))));
        laux[i] = q;
        sumL += w[i] * q;
        sumL2 += w[i] * q * q;
        sumXL += w[i] * q * x[xo + i];
      }
      float det = sumW * sumL2 - sumL * sumL;
      if (det > 0) {
        float thisScale = (sumW * sumXL - sumX * sumL) / det;
        float thisMin = (sumL2 * sumX - sumL * sumXL) / det;
        if (thisMin > 0) {
          thisMin = 0;
          thisScale = sumXL / sumL2;
        }
        float curError = 0;
        for (int i = 0; i < n; i++) {
          float diff = thisScale * laux[i] + thisMin - x[xo + i];
          curError += w[i] * (diff * diff);
        }
        if (curError < bestError) {
          System.arraycopy(laux, 0, l, lo, n);
          bestError = curError;
          scale = thisScale;
          min = thisMin;
        }
      }
    }
    theMin[0] = -min;
    return scale;
  }

  // ---- Q6_K ----------------------------------------------------------------------------------

  static void quantizeQ6K(float[] x, int xo, int n, byte[] y, int yo) {
    int[] l = new int[QK_K];
    float[] scales = new float[QK_K / 16];
    for (int b = 0; b < n / QK_K; b++) {
      int xb = xo + b * QK_K;
      int out = yo + b * 210;
      float maxScale = 0;
      float maxAbsScale = 0;
      for (int ib = 0; ib < QK_K / 16; ib++) {
        float scale = makeQx(16, 32, x, xb + 16 * ib, l, 16 * ib);
        scales[ib] = scale;
        float abs = Math.abs(scale);
        if (abs > maxAbsScale) {
          maxAbsScale = abs;
          maxScale = scale;
        }
      }
      if (maxAbsScale < GROUP_MAX_EPS) {
        java.util.Arrays.fill(y, out, out + 210, (byte) 0);
        continue;
      }
      float iscale = -128.0f / maxScale;
      short d = Fp16.fromFloat(1 / iscale);
      Quantization.putShort(y, out + 208, d);
      for (int ib = 0; ib < QK_K / 16; ib++) {
        y[out + 192 + ib] = (byte) Math.min(127, nearestInt(iscale * scales[ib]));
      }
      float df = Fp16.toFloat(d);
      for (int j = 0; j < QK_K / 16; j++) {
        float dj = df * y[out + 192 + j];
        if (dj == 0) {
          continue;
        }
        for (int i = 0; i < 16; i++) {
          int q = nearestInt(x[xb + 16 * j + i] / dj);
          l[16 * j + i] = Math.max(-32, Math.min(31, q)) + 32;
        }
      }
      int ql = out;
      int qh = out + 128;
      for (int j = 0; j < QK_K; j += 128) {
        for (int i = 0; i < 32; i++) {
          int q1 = l[j + i] & 0xF;
          int q2 = l[j + i + 32] & 0xF;
          int q3 = l[j + i + 64] & 0xF;
          int q4 = l[j + i + 96] & 0xF;
          y[ql + i] = (byte) (q1 | (q3 << 4));
          y[ql + i + 32] = (byte) (q2 | (q4 << 4));
          y[qh + i] =
              (byte)
                  ((l[j + i] >> 4)
                      | ((l[j + i + 32] >> 4) << 2)
                      | ((l[j + i + 64] >> 4) << 4)
                      | ((l[j + i + 96] >> 4) << 6));
        }
        ql += 64;
        qh += 32;
      }
    }
  }

  static void dequantizeQ6K(byte[] src, int so, int n, float[] y, int yo) {
    for (int b = 0; b < n / QK_K; b++) {
      int in = so + b * 210;
      float d = Fp16.toFloat(Quantization.getShort(src, in + 208));
      int ql = in;
      int qh = in + 128;
      int sc = in + 192;
      int out = yo + b * QK_K;
      for (int s = 0; s < QK_K; s += 128) {
        for (int i = 0; i < 32; i++) {
          int is = i / 16;
          int h = src[qh + i] & 0xFF;
          int q1 = ((src[ql + i] & 0xF) | ((h & 3) << 4)) - 32;
          int q2 = ((src[ql + i + 32] & 0xF) | (((h >> 2) & 3) << 4)) - 32;
          int q3 = (((src[ql + i] & 0xFF) >> 4) | (((h >> 4) & 3) << 4)) - 32;
          int q4 = (((src[ql + i + 32] & 0xFF) >> 4) | (((h >> 6) & 3) << 4)) - 32;
          y[out + i] = d * src[sc + is] * q1;
          y[out + i + 32] = d * src[sc + is + 2] * q2;
          y[out + i + 64] = d * src[sc + is + 4] * q3;
          y[out + i + 96] = d * src[sc + is + 6] * q4;
        }
        out += 128;
        ql += 64;
        qh += 32;
        sc += 8;
      }
    }
  }

  /** make_qx_quants with rmse_type 1 (weights x²) and no importance matrix. */
  private static float makeQx(int n, int nmax, float[] x, int xo, int[] l, int lo) {
    float max = 0;
    float amax = 0;
    for (int i = 0; i < n; i++) {
      float ax = Math.abs(x[xo + i]);
      if (ax > amax) {
        amax = ax;
        max = x[xo + i];
      }
    }
    if (amax < GROUP_MAX_EPS) {
      java.util.Arrays.fill(l, lo, lo + n, 0);
      return 0.0f;
    }
    float iscale = -nmax / max;
    float sumLX = 0;
    float sumL2 = 0;
    for (int i = 0; i < n; i++) {
      float v = x[xo + i];
      int q = Math.max(-nmax, Math.min(nmax - 1, nearestInt(iscale * v)));
      l[lo + i] = q + nmax;
      float w = v * v;
      sumLX += w * v * q;
      sumL2 += w * q * q;
    }
    float scale = sumL2 != 0 ? sumLX / sumL2 : 0.0f;
    float best = scale * sumLX;
    for (int is = -9; is <= 9; is++) {
      if (is == 0) {
        continue;
      }
      iscale = -(nmax + 0.1f * is) / max;
      sumLX = 0;
      sumL2 = 0;
      for (int i = 0; i < n; i++) {
        float v = x[xo + i];
        int q = Math.max(-nmax, Math.min(nmax - 1, nearestInt(iscale * v)));
        float w = v * v;
        sumLX += w * v * q;
        sumL2 += w * q * q;
      }
      if (sumL2 > 0 && sumLX * sumLX > best * sumL2) {
        for (int i = 0; i < n; i++) {
          int q = Math.max(-nmax, Math.min(nmax - 1, nearestInt(iscale * x[xo + i])));
          l[lo + i] = nmax + q;
        }
        scale = sumLX / sumL2;
        best = scale * sumLX;
      }
    }
    return scale;
  }
}
