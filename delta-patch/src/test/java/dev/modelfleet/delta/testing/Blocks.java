package dev.modelfleet.delta.testing;

import dev.modelfleet.gguf.GgmlType;
import dev.modelfleet.gguf.quant.Fp16;
import dev.modelfleet.gguf.quant.Quantization;
import java.util.SplittableRandom;

/**
 * Quantized test data: ggml's reference quantizers (from the gguf module) for the plain types and
 * Q8_0/Q4_0, and simplified K-quant quantizers (plausible blocks with the real layouts, not
 * bit-exact with llama.cpp's, which the gguf module does not provide).
 */
public final class Blocks {
  private Blocks() {}

  /** Gaussian weights with per-row scale variation, like the gguf generator's. */
  public static float[] weights(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] w = new float[n];
    double scale = 0.02;
    for (int i = 0; i < n; i++) {
      if (i % 256 == 0) {
        scale = 0.02 * Math.exp(0.3 * gaussian(r));
      }
      w[i] = (float) (gaussian(r) * scale);
    }
    return w;
  }

  /** {@code w} plus noise of relative size {@code rel} (of each 256-weight row's RMS). */
  public static float[] finetune(float[] w, double rel, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] out = new float[w.length];
    for (int row = 0; row < w.length; row += 256) {
      int end = Math.min(w.length, row + 256);
      double ss = 0;
      for (int i = row; i < end; i++) {
        ss += (double) w[i] * w[i];
      }
      double rms = Math.sqrt(ss / (end - row));
      for (int i = row; i < end; i++) {
        out[i] = (float) (w[i] + rel * rms * gaussian(r));
      }
    }
    return out;
  }

  /** Quantizes {@code w} (length a multiple of 256) to {@code type}. */
  public static byte[] quantize(GgmlType type, float[] w) {
    byte[] out = new byte[(int) type.byteSize(w.length)];
    switch (type) {
      case Q4_K -> kquant(w, out, 144, 4);
      case Q5_K -> kquant(w, out, 176, 5);
      case Q6_K -> q6k(w, out);
      default -> Quantization.quantize(type, w, 0, w.length, out, 0);
    }
    return out;
  }

  private static void kquant(float[] w, byte[] out, int blockBytes, int bits) {
    int levels = (1 << bits) - 1;
    for (int b = 0; b < w.length / 256; b++) {
      float[] scale = new float[8];
      float[] min = new float[8];
      for (int t = 0; t < 8; t++) {
        float lo = 0;
        float hi = 0;
        for (int i = 0; i < 32; i++) {
          float v = w[256 * b + 32 * t + i];
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        scale[t] = (hi - lo) / levels;
        min[t] = -lo;
      }
      float maxScale = 0;
      float maxMin = 0;
      for (int t = 0; t < 8; t++) {
        maxScale = Math.max(maxScale, scale[t]);
        maxMin = Math.max(maxMin, min[t]);
      }
      float d = maxScale / 63;
      float dmin = maxMin / 63;
      short dh = Fp16.fromFloat(d);
      short dminh = Fp16.fromFloat(dmin);
      float dq = Fp16.toFloat(dh);
      float dminq = Fp16.toFloat(dminh);
      int o = b * blockBytes;
      out[o] = (byte) dh;
      out[o + 1] = (byte) (dh >> 8);
      out[o + 2] = (byte) dminh;
      out[o + 3] = (byte) (dminh >> 8);
      int[] sc = new int[8];
      int[] mn = new int[8];
      for (int t = 0; t < 8; t++) {
        sc[t] = dq > 0 ? Math.min(63, Math.round(scale[t] / dq)) : 0;
        mn[t] = dminq > 0 ? Math.min(63, Math.round(min[t] / dminq)) : 0;
      }
      byte[] s = new byte[12];
      for (int j = 0; j < 4; j++) {
        s[j] = (byte) sc[j];
        s[j + 4] = (byte) mn[j];
      }
      for (int j = 4; j < 8; j++) {
        s[j + 4] = (byte) ((sc[j] & 0xF) | (mn[j] & 0xF) << 4);
        s[j - 4] |= (byte) ((sc[j] >> 4) << 6);
        s[j] |= (byte) ((mn[j] >> 4) << 6);
      }
      System.arraycopy(s, 0, out, o + 4, 12);
      int[] q = new int[256];
      for (int i = 0; i < 256; i++) {
        int t = i / 32;
        float a = dq * sc[t];
        float m = dminq * mn[t];
        int v = a > 0 ? Math.round((w[256 * b + i] + m) / a) : 0;
        q[i] = Math.max(0, Math.min(levels, v));
      }
      if (bits == 4) {
        for (int j = 0; j < 4; j++) {
          for (int l = 0; l < 32; l++) {
            out[o + 16 + 32 * j + l] = (byte) (q[64 * j + l] | q[64 * j + 32 + l] << 4);
          }
        }
      } else {
        for (int l = 0; l < 32; l++) {
          int h = 0;
          for (int j = 0; j < 4; j++) {
            int lo = q[64 * j + l];
            int hi = q[64 * j + 32 + l];
            out[o + 48 + 32 * j + l] = (byte) ((lo & 15) | (hi & 15) << 4);
            h |= (lo >> 4) << (2 * j) | (hi >> 4) << (2 * j + 1);
          }
          out[o + 16 + l] = (byte) h;
        }
      }
    }
  }

  private static void q6k(float[] w, byte[] out) {
    for (int b = 0; b < w.length / 256; b++) {
      float[] scale = new float[16];
      float maxScale = 0;
      for (int t = 0; t < 16; t++) {
        float amax = 0;
        for (int i = 0; i < 16; i++) {
          amax = Math.max(amax, Math.abs(w[256 * b + 16 * t + i]));
        }
        scale[t] = amax / 31;
        maxScale = Math.max(maxScale, scale[t]);
      }
      float d = maxScale / 127;
      short dh = Fp16.fromFloat(d);
      float dq = Fp16.toFloat(dh);
      int o = b * 210;
      int[] sc = new int[16];
      for (int t = 0; t < 16; t++) {
        sc[t] = dq > 0 ? Math.min(127, Math.round(scale[t] / dq)) : 0;
        out[o + 192 + t] = (byte) sc[t];
      }
      out[o + 208] = (byte) dh;
      out[o + 209] = (byte) (dh >> 8);
      int[] c = new int[256];
      for (int i = 0; i < 256; i++) {
        float a = dq * sc[i / 16];
        int v = a > 0 ? Math.round(w[256 * b + i] / a) : 0;
        c[i] = Math.max(-32, Math.min(31, v)) + 32;
      }
      // Weight order i = 128h + 32·k + l (k = 0..3) maps to ggml's ql/qh layout.
      for (int h = 0; h < 2; h++) {
        for (int l = 0; l < 32; l++) {
          int c0 = c[128 * h + l];
          int c1 = c[128 * h + l + 32];
          int c2 = c[128 * h + l + 64];
          int c3 = c[128 * h + l + 96];
          out[o + 64 * h + l] = (byte) ((c0 & 15) | (c2 & 15) << 4);
          out[o + 64 * h + l + 32] = (byte) ((c1 & 15) | (c3 & 15) << 4);
          out[o + 128 + 32 * h + l] =
              (byte) ((c0 >> 4) | (c1 >> 4) << 2 | (c2 >> 4) << 4 | (c3 >> 4) << 6);
        }
      }
    }
  }

  private static double gaussian(SplittableRandom r) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }
}
