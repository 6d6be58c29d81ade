package dev.modelfleet.delta.internal.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.internal.bytes.ByteBuilder;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The 8-at-a-time residual plane against the per-symbol rules of {@code docs/formats/delta.md}. */
class ResidualPlaneTest {

  @ParameterizedTest
  @ValueSource(ints = {5, 6})
  void zigzagOfEveryResidualMatchesTheScalarRule(int bits) {
    int size = 1 << bits;
    for (int d = 0; d < size; d++) {
      // Every byte lane, with different neighbours, must give the scalar symbol.
      for (int lane = 0; lane < 8; lane++) {
        long packed = (long) d << (8 * lane) | (long) ((d + 1) % size) << (8 * ((lane + 1) % 8));
        int v = d << (32 - bits) >> (32 - bits);
        int z = (v << 1) ^ (v >> 31);
        assertThat((ResidualPlane.zigzag(packed, bits) >>> (8 * lane)) & 0xFF)
            .as("zigzag of %d (%d bits)", d, bits)
            .isEqualTo(z);
        long symbols = (long) z << (8 * lane);
        assertThat((ResidualPlane.unzigzag(symbols, bits) >>> (8 * lane)) & 0xFF)
            .as("unzigzag of %d (%d bits)", z, bits)
            .isEqualTo(d);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 5, 50, 100})
  void packMatchesTheScalarRuleAndUnpackInvertsIt(int escapePercent) throws PatchException {
    SplittableRandom r = new SplittableRandom(escapePercent);
    int n = 256;
    byte[] z = new byte[n];
    for (int i = 0; i < n; i++) {
      z[i] = (byte) (r.nextInt(100) < escapePercent ? 15 + r.nextInt(49) : r.nextInt(15));
    }
    byte[] out = new byte[n / 2];
    ByteBuilder escapes = new ByteBuilder(16);
    ResidualPlane.pack(z, n, out, 0, escapes);

    byte[] expected = new byte[n / 2];
    ByteBuilder expectedEscapes = new ByteBuilder(16);
    for (int j = 0; j < n; j += 2) {
      int z0 = z[j];
      int z1 = z[j + 1];
      if (z0 >= 15) {
        expectedEscapes.write(z0 - 15);
        z0 = 15;
      }
      if (z1 >= 15) {
        expectedEscapes.write(z1 - 15);
        z1 = 15;
      }
      expected[j >> 1] = (byte) (z0 | z1 << 4);
    }
    assertThat(out).isEqualTo(expected);
    assertThat(escapes.toByteArray()).isEqualTo(expectedEscapes.toByteArray());

    byte[] payload = concat(out, escapes.toByteArray());
    byte[] back = new byte[n];
    int end = ResidualPlane.unpack(payload, 0, n / 2, payload.length, 63, "Q6_K", back, n);
    assertThat(back).isEqualTo(z);
    assertThat(end).isEqualTo(payload.length);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7, 255})
  void escapesThatRunOutOrOverflowAreCorrupt(int position) {
    byte[] nibbles = new byte[128];
    nibbles[position / 2] = (byte) (position % 2 == 0 ? 0x0F : 0xF0);
    byte[] cutOff = nibbles.clone();
    assertThatThrownBy(
            () -> ResidualPlane.unpack(cutOff, 0, 128, 128, 63, "Q6_K", new byte[256], 256))
        .isInstanceOf(PatchException.class)
        .hasMessageContaining("Q6_K transform payload ends inside its escape plane");
    // 15 + 17 = 32 is a valid 6-bit symbol but not a 5-bit one.
    byte[] tooLarge = concat(nibbles, new byte[] {17});
    assertThatThrownBy(
            () -> ResidualPlane.unpack(tooLarge, 0, 128, 129, 31, "Q5_K", new byte[256], 256))
        .isInstanceOf(PatchException.class)
        .hasMessageContaining("Q5_K transform has a residual escape out of range");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = new byte[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
