package dev.modelfleet.delta.internal.transform;

import static dev.modelfleet.delta.internal.transform.TransformTest.assertMatchesTheReference;
import static dev.modelfleet.delta.internal.transform.TransformTest.encode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.testing.Blocks;
import dev.modelfleet.delta.testing.TestFiles;
import dev.modelfleet.gguf.GgmlType;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The K-quant encoders and appliers with their block shortcuts against the plain rules ({@link
 * BlockCodec#encodeGeneric}, {@link BlockCodec#applyGeneric}), byte for byte, on the cases the
 * shortcuts treat differently: scale fields changing alone, special fp16 values, corrupt payloads.
 */
class KQuantShortcutsTest {

  /** Offsets of the fp16 fields (d, and dmin where there is one) in a block. */
  private static int[] fp16Fields(Transform t) {
    return switch (t) {
      case Q6_K -> new int[] {208};
      case Q4_K, Q5_K -> new int[] {0, 2};
      default -> throw new IllegalArgumentException(t.name());
    };
  }

  @ParameterizedTest
  @EnumSource(
      value = Transform.class,
      names = {"Q4_K", "Q5_K", "Q6_K"})
  void randomBlocksMatchTheReference(Transform t) throws PatchException {
    for (int n : new int[] {0, 1, 2, 7, 300}) {
      assertMatchesTheReference(t, randomUnits(t, 40 + n, n), randomUnits(t, 50 + n, n));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Transform.class,
      names = {"Q4_K", "Q5_K", "Q6_K"})
  void fineTunesOfEverySizeMatchTheReference(Transform t) throws PatchException {
    GgmlType type = GgmlType.valueOf(t.name());
    float[] w = Blocks.weights(60, 256 * 300);
    byte[] old = Blocks.quantize(type, w);
    for (double rel : new double[] {0.0005, 0.003, 0.01, 0.05, 0.2, 1.0}) {
      byte[] neu = Blocks.quantize(type, Blocks.finetune(w, rel, 61));
      assertMatchesTheReference(t, old, neu);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Transform.class,
      names = {"Q4_K", "Q5_K", "Q6_K"})
  void eachScaleFieldChangingAloneMatchesTheReference(Transform t) throws PatchException {
    // Every scale byte (sub-block scales, mins, the fp16 halves) moved by small and large steps,
    // with and without a few changed codes: sub-blocks that keep and that do not, side by side.
    BlockCodec codec = (BlockCodec) t.codec();
    GgmlType type = GgmlType.valueOf(t.name());
    int unit = t.unit();
    byte[] base = Blocks.quantize(type, Blocks.weights(80, 256 * 64));
    SplittableRandom r = new SplittableRandom(81);
    for (int i = 0; i < unit; i++) {
      if (!codec.isScaleByte(i)) {
        continue;
      }
      for (int step : new int[] {1, -1, 2, 16, 64, 128}) {
        byte[] neu = base.clone();
        for (int off = 0; off < neu.length; off += unit) {
          neu[off + i] += (byte) step;
          if (r.nextBoolean()) {
            int q = r.nextInt(unit);
            if (!codec.isScaleByte(q)) {
              neu[off + q] ^= (byte) (1 + r.nextInt(255));
            }
          }
        }
        assertMatchesTheReference(t, base, neu);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Transform.class,
      names = {"Q4_K", "Q5_K", "Q6_K"})
  void zeroSubnormalInfiniteAndNanScalesMatchTheReference(Transform t) throws PatchException {
    int[] specials = {
      0x0000, 0x8000, 0x0001, 0x8001, 0x03FF, 0x0400, 0x7BFF, 0x7C00, 0xFC00, 0x7E00, 0xFE01,
      0x3C00, 0x3C01, 0x2E66
    };
    GgmlType type = GgmlType.valueOf(t.name());
    float[] w = Blocks.weights(90, 256 * 400);
    byte[] old = Blocks.quantize(type, w);
    byte[] neu = Blocks.quantize(type, Blocks.finetune(w, 0.02, 91));
    SplittableRandom r = new SplittableRandom(92);
    for (int off = 0; off < old.length; off += t.unit()) {
      for (int f : fp16Fields(t)) {
        // Old, new or both special, or left as quantized.
        int which = r.nextInt(4);
        if (which == 1 || which == 3) {
          put16(old, off + f, specials[r.nextInt(specials.length)]);
        }
        if (which == 2 || which == 3) {
          put16(neu, off + f, specials[r.nextInt(specials.length)]);
        }
      }
    }
    assertMatchesTheReference(t, old, neu);
  }

  @ParameterizedTest
  @EnumSource(
      value = Transform.class,
      names = {"Q5_K", "Q6_K"})
  void corruptPayloadsFailAsTheReferenceFails(Transform t) throws PatchException {
    // Escapes cut off, out of range or trailing, and random damage: the specialized applier throws
    // the reference's exception, or writes what the reference writes.
    BlockCodec codec = (BlockCodec) t.codec();
    GgmlType type = GgmlType.valueOf(t.name());
    float[] w = Blocks.weights(100, 256 * 40);
    byte[] old = Blocks.quantize(type, w);
    byte[] neu = randomUnits(t, 101, 40);
    System.arraycopy(
        Blocks.quantize(type, Blocks.finetune(w, 0.05, 102)), 0, neu, 0, 20 * t.unit());
    byte[] payload = encode(t, old, neu);
    int base = (int) codec.basePayloadLength(40);
    assertThat(payload.length).isGreaterThan(base + 10);
    SplittableRandom r = new SplittableRandom(103);
    for (int cut = base - 2; cut < payload.length; cut += 1 + r.nextInt(5)) {
      assertSameOutcome(t, old, Arrays.copyOf(payload, cut));
    }
    assertSameOutcome(t, old, Arrays.copyOf(payload, payload.length + 1));
    for (int k = 0; k < 300; k++) {
      byte[] bad = payload.clone();
      int at = base + r.nextInt(payload.length - base);
      bad[at] = (byte) (r.nextBoolean() ? 0xFF : r.nextInt(256));
      assertSameOutcome(t, old, bad);
    }
    for (int k = 0; k < 300; k++) {
      byte[] bad = payload.clone();
      for (int m = 1 + r.nextInt(3); m > 0; m--) {
        int at = r.nextInt(base);
        bad[at] = (byte) (r.nextBoolean() ? bad[at] | 0x0F << 4 * r.nextInt(2) : r.nextInt(256));
      }
      assertSameOutcome(t, old, bad);
    }
    // Unchanged scales and all-15 nibbles without escape bytes, and with too large ones.
    byte[] noEscapes = new byte[base];
    Arrays.fill(noEscapes, base - 40 * 128, base, (byte) 0xFF);
    assertSameOutcome(t, old, noEscapes);
    byte[] tooLarge = Arrays.copyOf(noEscapes, base + 80 * 40);
    Arrays.fill(tooLarge, base, tooLarge.length, (byte) 0xF0);
    assertSameOutcome(t, old, tooLarge);
  }

  /** The codec's apply and the reference either write the same bytes or throw the same error. */
  private static void assertSameOutcome(Transform t, byte[] old, byte[] payload) {
    BlockCodec codec = (BlockCodec) t.codec();
    byte[] expected = old.clone();
    byte[] actual = old.clone();
    String expectedError = null;
    String actualError = null;
    try {
      codec.applyGeneric(expected, 0, expected.length, payload, 0, payload.length);
    } catch (PatchException e) {
      expectedError = e.reason() + ": " + e.getMessage();
    }
    try {
      codec.apply(actual, 0, actual.length, payload, 0, payload.length);
    } catch (PatchException e) {
      actualError = e.reason() + ": " + e.getMessage();
    }
    assertThat(actualError).isEqualTo(expectedError);
    if (expectedError == null) {
      assertThat(actual).isEqualTo(expected);
    }
  }

  private static byte[] randomUnits(Transform t, long seed, int n) {
    return TestFiles.random(seed, t.unit() * n);
  }

  private static void put16(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >>> 8);
  }
}
