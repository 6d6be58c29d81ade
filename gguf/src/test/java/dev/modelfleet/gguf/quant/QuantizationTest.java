package dev.modelfleet.gguf.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfleet.gguf.GgmlType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Known vectors derived by hand from ggml's reference algorithms ({@code quantize_row_q8_0_ref}: d
 * = amax/127, q = roundf(x/d); {@code quantize_row_q4_0_ref}: d = max/-8 where max is the element
 * of largest magnitude with its sign, q = min(15, (int8)(x/d + 8.5)), low nibbles hold elements
 * 0..15, high nibbles 16..31).
 */
class QuantizationTest {

  private static byte[] q(GgmlType t, float[] x) {
    byte[] out = new byte[(int) t.byteSize(x.length)];
    Quantization.quantize(t, x, 0, x.length, out, 0);
    return out;
  }

  @Test
  void q8BlockWithScaleOneRoundsHalvesAwayFromZero() {
    float[] x = new float[32];
    x[0] = 127f; // amax = 127 -> d = 1.0 (fp16 0x3C00), id = 1
    x[1] = 2.5f;
    x[2] = -2.5f;
    x[3] = 0.5f;
    x[4] = -0.5f;
    x[5] = 0.49f;
    x[6] = -127f;
    x[7] = 3.4999998f;
    byte[] b = q(GgmlType.Q8_0, x);
    assertThat(b).hasSize(34);
    assertThat(b[0] & 0xFF).isEqualTo(0x00);
    assertThat(b[1] & 0xFF).isEqualTo(0x3C);
    assertThat(new byte[] {b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10]})
        .containsExactly(127, 3, -3, 1, -1, 0, -127, 3, 0);
  }

  @Test
  void q8ScaleIsAmaxOver127RoundedToHalf() {
    float[] x = new float[32];
    for (int j = 0; j < 32; j++) {
      x[j] = j - 16; // amax 16 -> d = 16/127 = 0.12598425 -> fp16 0x3008 (0.1259765625)
    }
    byte[] b = q(GgmlType.Q8_0, x);
    assertThat((b[0] & 0xFF) | (b[1] & 0xFF) << 8).isEqualTo(0x3008);
    // id = 1/d (of the float d, not the half): 7.9375; -16 * 7.9375 = -127; 1 * 7.9375 -> 8
    assertThat(b[2]).isEqualTo((byte) -127);
    assertThat(b[2 + 17]).isEqualTo((byte) 8);
    assertThat(b[2 + 18]).isEqualTo((byte) 16); // 2 * 7.9375 = 15.875 -> 16
  }

  @Test
  void q8AllZeroBlockHasZeroScaleAndQuants() {
    byte[] b = q(GgmlType.Q8_0, new float[64]);
    assertThat(b).hasSize(68).containsOnly(0);
  }

  @Test
  void q4UsesTheSignedMaximumAndPacksLowThenHighHalves() {
    float[] x = new float[32];
    x[0] = -8f; // largest magnitude, negative -> d = -8 / -8 = 1, id = 1
    x[1] = 0.5f; // 0.5 + 8.5 = 9
    x[2] = -0.5f; // 8
    x[3] = 7.5f; // 16 -> clamped to 15
    x[16] = 3f; // high nibble of byte 0: 11
    x[17] = -7.9f; // 0.6 -> 0
    byte[] b = q(GgmlType.Q4_0, x);
    assertThat(b).hasSize(18);
    assertThat((b[0] & 0xFF) | (b[1] & 0xFF) << 8).isEqualTo(0x3C00);
    assertThat(b[2] & 0xFF).isEqualTo(0 | 11 << 4); // -8 -> 0, 3 -> 11
    assertThat(b[3] & 0xFF).isEqualTo(9 | 0 << 4);
    assertThat(b[4] & 0xFF).isEqualTo(8 | 8 << 4); // x[18] = 0 -> 8
    assertThat(b[5] & 0xFF).isEqualTo(15 | 8 << 4);
  }

  @Test
  void q4PositiveMaximumGivesNegativeScale() {
    float[] x = new float[32];
    x[0] = 8f; // d = 8 / -8 = -1 (fp16 0xBC00), id = -1: 8 -> -8 + 8.5 = 0.5 -> 0
    x[1] = -8f; // tie in magnitude: the first one wins (strict <): -8 * -1 = 8 + 8.5 -> 15
    x[2] = 1f; // -1 + 8.5 = 7.5 -> 7
    byte[] b = q(GgmlType.Q4_0, x);
    assertThat((b[0] & 0xFF) | (b[1] & 0xFF) << 8).isEqualTo(0xBC00);
    assertThat(b[2] & 0x0F).isEqualTo(0);
    assertThat(b[3] & 0x0F).isEqualTo(15);
    assertThat(b[4] & 0x0F).isEqualTo(7);
  }

  @Test
  void dequantizedValuesAreCloseToTheInput() {
    SplittableRandom rnd = new SplittableRandom(42);
    float[] x = new float[4096];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (rnd.nextGaussian() * 0.02);
    }
    for (GgmlType t :
        new GgmlType[] {GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0}) {
      float[] back = new float[x.length];
      Quantization.dequantize(t, q(t, x), 0, x.length, back, 0);
      double err = 0;
      double norm = 0;
      for (int i = 0; i < x.length; i++) {
        err += (back[i] - x[i]) * (back[i] - x[i]);
        norm += x[i] * x[i];
      }
      double rel = Math.sqrt(err / norm);
      double bound =
          switch (t) {
            case F32 -> 0;
            case F16 -> 1e-3;
            case BF16 -> 5e-3;
            case Q8_0 -> 0.01;
            default -> 0.15;
          };
      assertThat(rel).as(t.name()).isLessThanOrEqualTo(bound);
    }
  }

  @Test
  void q8QuantizingDequantizedBlocksIsStable() {
    SplittableRandom rnd = new SplittableRandom(3);
    float[] x = new float[1024];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    byte[] once = q(GgmlType.Q8_0, x);
    float[] back = new float[x.length];
    Quantization.dequantize(GgmlType.Q8_0, once, 0, x.length, back, 0);
    float[] back2 = new float[x.length];
    Quantization.dequantize(GgmlType.Q8_0, q(GgmlType.Q8_0, back), 0, x.length, back2, 0);
    for (int i = 0; i < x.length; i++) {
      assertThat(back2[i]).isCloseTo(back[i], org.assertj.core.data.Offset.offset(1e-3f));
    }
  }

  @Test
  void unsupportedTypesAndPartialBlocksAreRejected() {
    assertThatThrownBy(() -> q(GgmlType.IQ4_XS, new float[256]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IQ4_XS");
    assertThatThrownBy(() -> q(GgmlType.Q8_0, new float[33]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple");
  }

  @Test
  void roundfRoundsHalfwayCasesAwayFromZero() {
    assertThat(Quantization.roundf(2.5f)).isEqualTo(3f);
    assertThat(Quantization.roundf(-2.5f)).isEqualTo(-3f);
    assertThat(Quantization.roundf(0.49999997f)).isEqualTo(0f);
    assertThat(Quantization.roundf(-0.49999997f)).isEqualTo(-0f);
    assertThat(Quantization.roundf(126.5f)).isEqualTo(127f);
  }
}
