package dev.modelfleet.gguf.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelfleet.gguf.GgmlType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The k-quant ports. No C reference runs on the build machines, so these check what the algorithm
 * guarantees: ggml's half-to-even nearest_int, error bounds that match each type's bit width, the
 * all-zero block, constant blocks, and that re-quantizing dequantized data is close to stable.
 */
class KQuantsTest {

  private static float[] gaussian(int n, long seed, double sigma) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (rnd.nextGaussian() * sigma);
    }
    return x;
  }

  private static float[] roundTrip(GgmlType t, float[] x) {
    byte[] q = new byte[(int) t.byteSize(x.length)];
    Quantization.quantize(t, x, 0, x.length, q, 0);
    float[] back = new float[x.length];
    Quantization.dequantize(t, q, 0, x.length, back, 0);
    return back;
  }

  private static double relativeError(float[] x, float[] y) {
    double err = 0;
    double norm = 0;
    for (int i = 0; i < x.length; i++) {
      err += (double) (y[i] - x[i]) * (y[i] - x[i]);
      norm += (double) x[i] * x[i];
    }
    return Math.sqrt(err / norm);
  }

  @Test
  void nearestIntRoundsHalvesToEvenLikeGgml() {
    assertThat(KQuants.nearestInt(2.5f)).isEqualTo(2);
    assertThat(KQuants.nearestInt(3.5f)).isEqualTo(4);
    assertThat(KQuants.nearestInt(-2.5f)).isEqualTo(-2);
    assertThat(KQuants.nearestInt(-3.7f)).isEqualTo(-4);
    assertThat(KQuants.nearestInt(62.49f)).isEqualTo(62);
    assertThat(KQuants.nearestInt(0.0f)).isZero();
  }

  @ParameterizedTest
  @EnumSource(
      value = GgmlType.class,
      names = {"Q4_K", "Q5_K", "Q6_K"})
  void errorShrinksWithTheBitWidth(GgmlType t) {
    float[] x = gaussian(256 * 64, 5, 0.02);
    double rel = relativeError(x, roundTrip(t, x));
    double bound =
        switch (t) {
          case Q4_K -> 0.12;
          case Q5_K -> 0.06;
          default -> 0.03;
        };
    assertThat(rel).as(t.name()).isLessThan(bound).isGreaterThan(bound / 20);
  }

  @ParameterizedTest
  @EnumSource(
      value = GgmlType.class,
      names = {"Q4_K", "Q5_K", "Q6_K"})
  void allZeroSuperBlockDecodesToZeros(GgmlType t) {
    // ±0: Q6_K decodes 0 · scale · (-32) to -0.0, as ggml does.
    for (float v : roundTrip(t, new float[512])) {
      assertThat(v == 0.0f).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = GgmlType.class,
      names = {"Q4_K", "Q5_K", "Q6_K"})
  void constantBlocksDecodeCloseToTheConstant(GgmlType t) {
    float[] x = new float[256];
    java.util.Arrays.fill(x, 0.75f);
    for (float v : roundTrip(t, x)) {
      assertThat(v).isCloseTo(0.75f, within(0.02f));
    }
    java.util.Arrays.fill(x, -0.3f);
    for (float v : roundTrip(t, x)) {
      assertThat(v).isCloseTo(-0.3f, within(0.02f));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = GgmlType.class,
      names = {"Q4_K", "Q5_K", "Q6_K"})
  void requantizingDequantizedDataChangesLittle(GgmlType t) {
    float[] x = gaussian(256 * 16, 9, 1.0);
    float[] once = roundTrip(t, x);
    float[] twice = roundTrip(t, once);
    assertThat(relativeError(once, twice)).isLessThan(relativeError(x, once));
  }

  @Test
  void q6kUsesSignedScalesAndTheLastTwoBytesForD() {
    float[] x = gaussian(256, 3, 1.0);
    byte[] q = new byte[210];
    Quantization.quantize(GgmlType.Q6_K, x, 0, 256, q, 0);
    float d = Fp16.toFloat(Quantization.getShort(q, 208));
    assertThat(d).isNotZero();
    // iscale = -128 / max_scale: the sub-block with the largest |scale| gets scale byte -128.
    boolean hasExtreme = false;
    for (int i = 192; i < 208; i++) {
      hasExtreme |= q[i] == -128;
    }
    assertThat(hasExtreme).isTrue();
  }
}
