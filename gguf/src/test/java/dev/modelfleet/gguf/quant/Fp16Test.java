package dev.modelfleet.gguf.quant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Fp16Test {

  private static int h(float f) {
    return Fp16.fromFloat(f) & 0xFFFF;
  }

  @Test
  void exactValuesConvertToTheirHalfBits() {
    assertThat(h(0.0f)).isEqualTo(0x0000);
    assertThat(h(-0.0f)).isEqualTo(0x8000);
    assertThat(h(1.0f)).isEqualTo(0x3C00);
    assertThat(h(-2.0f)).isEqualTo(0xC000);
    assertThat(h(65504.0f)).isEqualTo(0x7BFF);
    assertThat(h(0x1.0p-14f)).isEqualTo(0x0400); // smallest normal
    assertThat(h(0x1.0p-24f)).isEqualTo(0x0001); // smallest subnormal
  }

  @Test
  void tiesRoundToEven() {
    // 1 + 2^-11 lies halfway between 1 (even mantissa) and 1 + 2^-10.
    assertThat(h(1.0f + 0x1.0p-11f)).isEqualTo(0x3C00);
    // 1 + 3*2^-11 lies halfway between 1 + 2^-10 (odd) and 1 + 2^-9 (even).
    assertThat(h(1.0f + 3 * 0x1.0p-11f)).isEqualTo(0x3C02);
    // Subnormal ties: 2^-25 between 0 and 2^-24 -> 0; 3*2^-25 between 1 and 2 units -> 2.
    assertThat(h(0x1.0p-25f)).isEqualTo(0x0000);
    assertThat(h(3 * 0x1.0p-25f)).isEqualTo(0x0002);
    // Just above a tie rounds up.
    assertThat(h(Math.nextUp(1.0f + 0x1.0p-11f))).isEqualTo(0x3C01);
  }

  @Test
  void overflowAndSpecialsFollowIeee() {
    assertThat(h(65519.0f)).isEqualTo(0x7BFF); // below the halfway point to 65536
    assertThat(h(65520.0f)).isEqualTo(0x7C00); // halfway rounds to even: infinity
    assertThat(h(Float.POSITIVE_INFINITY)).isEqualTo(0x7C00);
    assertThat(h(Float.NEGATIVE_INFINITY)).isEqualTo(0xFC00);
    assertThat(h(Float.NaN)).isEqualTo(0x7E00);
    assertThat(h(1e-10f)).isEqualTo(0x0000);
  }

  @Test
  void everyHalfRoundTripsThroughFloat() {
    for (int bits = 0; bits <= 0xFFFF; bits++) {
      float f = Fp16.toFloat((short) bits);
      if (Float.isNaN(f)) {
        assertThat(h(f) & 0x7C00).isEqualTo(0x7C00);
      } else {
        assertThat(h(f)).as("half 0x%04x", bits).isEqualTo(bits);
      }
    }
  }

  @Test
  void conversionPicksTheNearestHalf() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      float f = (float) (rnd.nextDouble(-70000, 70000) * Math.pow(2, -rnd.nextInt(30)));
      float got = Fp16.toFloat(Fp16.fromFloat(f));
      if (Math.abs(f) >= 65520f) {
        assertThat(Float.isInfinite(got)).isTrue();
        continue;
      }
      float below = Fp16.toFloat((short) (Fp16.fromFloat(f) - 1));
      float above = Fp16.toFloat((short) (Fp16.fromFloat(f) + 1));
      // Neighbouring bit patterns (skipping NaN, which follows infinity and precedes -0).
      if (!Float.isNaN(below)) {
        assertThat(Math.abs(got - f)).isLessThanOrEqualTo(Math.abs(below - f));
      }
      if (!Float.isNaN(above)) {
        assertThat(Math.abs(got - f)).isLessThanOrEqualTo(Math.abs(above - f));
      }
    }
  }

  @Test
  void bfloat16RoundsToNearestEven() {
    assertThat(Fp16.toBf16(1.0f) & 0xFFFF).isEqualTo(0x3F80);
    // 1 + 2^-8 is halfway between 1 and 1 + 2^-7 -> even (1).
    assertThat(Fp16.toBf16(1.0f + 0x1.0p-8f) & 0xFFFF).isEqualTo(0x3F80);
    assertThat(Fp16.toBf16(1.0f + 3 * 0x1.0p-8f) & 0xFFFF).isEqualTo(0x3F82);
    assertThat(Fp16.toBf16(Float.NaN) & 0xFFC0).isEqualTo(0x7FC0);
    assertThat(Fp16.fromBf16((short) 0xC000)).isEqualTo(-2.0f);
  }
}
