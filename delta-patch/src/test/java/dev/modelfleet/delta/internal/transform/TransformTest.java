package dev.modelfleet.delta.internal.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.internal.bytes.ByteBuilder;
import dev.modelfleet.delta.testing.Blocks;
import dev.modelfleet.delta.testing.TestFiles;
import dev.modelfleet.gguf.GgmlType;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransformTest {

  static byte[] encode(Transform t, byte[] old, byte[] neu) {
    ByteBuilder out = new ByteBuilder(16);
    t.codec().encode(old, 0, neu, 0, old.length, out);
    return out.toByteArray();
  }

  static byte[] apply(Transform t, byte[] old, byte[] payload) throws PatchException {
    byte[] buf = old.clone();
    t.codec().apply(buf, 0, buf.length, payload, 0, payload.length);
    return buf;
  }

  /** n units of random bytes: any bytes are a valid block of every type (NaN scales included). */
  static byte[] randomUnits(Transform t, long seed, int n) {
    return TestFiles.random(seed, t.unit() * n);
  }

  @ParameterizedTest
  @EnumSource(Transform.class)
  void unrelatedRandomDataRoundTrips(Transform t) throws PatchException {
    for (int n : new int[] {0, 1, 2, 7, 300}) {
      byte[] old = randomUnits(t, 1, n);
      byte[] neu = randomUnits(t, 2, n);
      assertThat(apply(t, old, encode(t, old, neu))).isEqualTo(neu);
    }
  }

  @ParameterizedTest
  @EnumSource(Transform.class)
  void slightlyChangedDataRoundTripsAndIdenticalDataGivesAZeroPayload(Transform t)
      throws PatchException {
    byte[] old = randomUnits(t, 3, 500);
    byte[] neu = old.clone();
    SplittableRandom r = new SplittableRandom(4);
    for (int i = 0; i < 200; i++) {
      neu[r.nextInt(neu.length)] += (byte) (r.nextInt(5) - 2);
    }
    assertThat(apply(t, old, encode(t, old, neu))).isEqualTo(neu);
    byte[] same = encode(t, old, old);
    assertThat(same).containsOnly((byte) 0);
    assertThat(apply(t, old, same)).isEqualTo(old);
  }

  @ParameterizedTest
  @EnumSource(
      value = Transform.class,
      names = {"Q8_0", "Q4_0", "Q4_K", "Q5_K", "Q6_K", "F16", "BF16", "F32"})
  void quantizedFineTunesRoundTripAndCompressBetterThanXorOrPlainZstd(Transform t)
      throws PatchException {
    GgmlType type = GgmlType.valueOf(t.name());
    float[] w = Blocks.weights(5, 256 * 512);
    byte[] old = Blocks.quantize(type, w);
    byte[] neu = Blocks.quantize(type, Blocks.finetune(w, 0.01, 6));
    byte[] payload = encode(t, old, neu);
    assertThat(apply(t, old, payload)).isEqualTo(neu);
    long transformed = Zstd.compress(payload, 3).length;
    long xor = Zstd.compress(encode(Transform.XOR, old, neu), 3).length;
    long plain = Zstd.compress(neu, 3).length;
    assertThat(transformed).as("%s transform vs xor", t).isLessThan(xor);
    if (type.isQuantized()) {
      // (A 1% change of a float32 flips its low mantissa bits: no transform can do much there, and
      // the encoder falls back to a plain literal when that is smaller.)
      assertThat(transformed).as("%s transform vs plain zstd", t).isLessThan(plain * 2 / 3);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Transform.class,
      names = {"Q4_K", "Q5_K", "Q6_K"})
  void blocksWithUnchangedScalesTakeTheShortPathAndStillRoundTrip(Transform t)
      throws PatchException {
    // Old blocks from a real quantizer; the new ones keep every scale field and get random quants
    // (so 5- and 6-bit residuals need escapes), except every third block, which stays identical.
    GgmlType type = GgmlType.valueOf(t.name());
    byte[] old = Blocks.quantize(type, Blocks.weights(15, 256 * 64));
    byte[] neu = old.clone();
    byte[] noise = TestFiles.random(16, neu.length);
    BlockCodec codec = (BlockCodec) t.codec();
    int unit = t.unit();
    for (int b = 0; b < old.length / unit; b++) {
      if (b % 3 == 0) {
        continue;
      }
      for (int i = 0; i < unit; i++) {
        if (!codec.isScaleByte(i)) {
          neu[b * unit + i] = noise[b * unit + i];
        }
      }
    }
    assertMatchesTheReference(t, old, neu);
    byte[] payload = encode(t, old, neu);
    // A payload with unchanged scales whose escapes are cut off is still refused.
    if (t != Transform.Q4_K) {
      byte[] cut = Arrays.copyOf(payload, payload.length - 1);
      assertThatThrownBy(() -> apply(t, old, cut)).isInstanceOf(PatchException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Transform.class,
      names = {"Q4_K", "Q5_K", "Q6_K"})
  void aScaleThatBarelyMovesWithOneChangedQuantMatchesTheReference(Transform t)
      throws PatchException {
    // Each block: its first fp16 scale moves by one unit (the prediction keeps every quant) and
    // one code, at a different position in each block, goes up by one.
    GgmlType type = GgmlType.valueOf(t.name());
    BlockCodec codec = (BlockCodec) t.codec();
    int unit = t.unit();
    int scale = 0;
    while (!(codec.isScaleByte(scale) && codec.isScaleByte(scale + 1))) {
      scale++;
    }
    byte[] old = Blocks.quantize(type, Blocks.weights(17, 256 * 256));
    byte[] neu = old.clone();
    int[] codes = new int[256];
    int mask = t == Transform.Q4_K ? 15 : t == Transform.Q5_K ? 31 : 63;
    for (int b = 0; b < old.length / unit; b++) {
      neu[b * unit + scale] ^= 1;
      codec.unpack(neu, b * unit, codes);
      codes[b % 256] = (codes[b % 256] + 1) & mask;
      codec.pack(codes, neu, b * unit);
    }
    assertMatchesTheReference(t, old, neu);
  }

  @ParameterizedTest
  @EnumSource(
      value = Transform.class,
      names = {"Q8_0", "Q4_0", "Q4_K", "Q5_K", "Q6_K"})
  void specializedCodecsMatchTheReferenceByteForByte(Transform t) throws PatchException {
    BlockCodec codec = (BlockCodec) t.codec();
    GgmlType type = GgmlType.valueOf(t.name());
    float[] w = Blocks.weights(7, 256 * 256);
    byte[][][] pairs = {
      {Blocks.quantize(type, w), Blocks.quantize(type, Blocks.finetune(w, 0.01, 8))},
      {Blocks.quantize(type, w), Blocks.quantize(type, Blocks.finetune(w, 0.3, 9))},
      {randomUnits(t, 10, 2000), randomUnits(t, 11, 2000)},
      {Blocks.quantize(type, w), Blocks.quantize(type, Blocks.weights(12, w.length))},
      {specialScales(t, 13), specialScales(t, 14)},
    };
    for (byte[][] p : pairs) {
      assertMatchesTheReference(t, p[0], p[1]);
    }
  }

  /** The codec's encode and apply give what the plain rules give, and round-trip. */
  static void assertMatchesTheReference(Transform t, byte[] old, byte[] neu) throws PatchException {
    BlockCodec codec = (BlockCodec) t.codec();
    ByteBuilder reference = new ByteBuilder(16);
    codec.encodeGeneric(old, 0, neu, 0, old.length, reference);
    byte[] payload = encode(t, old, neu);
    assertThat(payload).isEqualTo(reference.toByteArray());
    byte[] viaReference = old.clone();
    codec.applyGeneric(viaReference, 0, viaReference.length, payload, 0, payload.length);
    assertThat(viaReference).isEqualTo(neu);
    assertThat(apply(t, old, payload)).isEqualTo(neu);
  }

  /** Blocks whose scales are 0, ±0, subnormal, ±Inf or NaN, with random quants. */
  static byte[] specialScales(Transform t, long seed) {
    int[] scales = {0x0000, 0x8000, 0x0001, 0x7C00, 0xFC00, 0x7E00, 0x3C00, 0x3C01, 0x0400};
    byte[] b = randomUnits(t, seed, 200);
    SplittableRandom r = new SplittableRandom(seed);
    for (int o = 0; o < b.length; o += t.unit()) {
      int s = scales[r.nextInt(scales.length)];
      b[o] = (byte) s;
      b[o + 1] = (byte) (s >> 8);
    }
    return b;
  }

  @Test
  void q8_0PredictionRequantizesTheOldValuesWithTheNewScale() throws PatchException {
    // Old block: d = 1.0, quants 10, -10, 100, 127, rest 0. New block: d = 0.5, quants doubled
    // (clamped). The prediction rint(q·1.0/0.5) is exact, so every residual is zero.
    byte[] old = new byte[34];
    byte[] neu = new byte[34];
    old[0] = 0x00;
    old[1] = 0x3C; // 1.0
    neu[0] = 0x00;
    neu[1] = 0x38; // 0.5
    int[] q = {10, -10, 100, 127, -128, 3};
    int[] expected = {20, -20, 127, 127, -128, 6};
    for (int i = 0; i < q.length; i++) {
      old[2 + i] = (byte) q[i];
      neu[2 + i] = (byte) expected[i];
    }
    byte[] payload = encode(Transform.Q8_0, old, neu);
    assertThat(payload).hasSize(18);
    assertThat(payload[0]).isEqualTo((byte) 0x00);
    assertThat(payload[1]).isEqualTo((byte) 0xFC); // 0x3800 - 0x3C00 = 0xFC00
    assertThat(Arrays.copyOfRange(payload, 2, 18)).containsOnly((byte) 0);
    // One quant off by +1 from the prediction: zigzag 2 in its nibble.
    neu[2 + 5] = 7;
    payload = encode(Transform.Q8_0, old, neu);
    assertThat(payload[2 + 2]).isEqualTo((byte) 0x20);
    assertThat(apply(Transform.Q8_0, old, payload)).isEqualTo(neu);
  }

  @Test
  void theDivisionFreeRatioAgreesWithTheFormatWheneverTheCodecsUseIt() {
    // ratio() may answer ONE instead of R only where R keeps every quant; check that against
    // fixedPoint() for every old scale with nearby and random new scales, and every special value.
    java.util.Random random = new java.util.Random(7);
    int[] keepBelow = {Q8_0Codec.KEEP_BELOW, Q4_0Codec.KEEP_BELOW};
    int[][] range = {{-128, 127}, {-8, 7}};
    for (int d0 = 0; d0 < 1 << 16; d0++) {
      for (int k = -300; k < 300; k++) {
        int d1 = k < 100 ? (d0 + k) & 0xFFFF : random.nextInt(1 << 16);
        int exact = (int) (BlockCodec.fixedPoint(Fp16.value(d0), 0, Fp16.value(d1), 0) >> 32);
        for (int c = 0; c < 2; c++) {
          int r = BlockCodec.ratio(d0, d1, keepBelow[c], BlockCodec.keepUlps(keepBelow[c]));
          boolean keeps = BlockCodec.keeps(exact, 0, range[c][0], range[c][1]);
          if (r != exact && !(r == BlockCodec.ONE && keeps)) {
            throw new AssertionError("d0=" + d0 + " d1=" + d1 + ": " + r + " vs " + exact);
          }
          assertThat(BlockCodec.keeps(r, 0, range[c][0], range[c][1])).isEqualTo(keeps);
        }
      }
    }
    assertThat(BlockCodec.keepUlps(Q8_0Codec.KEEP_BELOW)).isEqualTo(2);
    assertThat(BlockCodec.keepUlps(Q4_0Codec.KEEP_BELOW)).isEqualTo(61);
    for (int c = 0; c < 2; c++) {
      for (int r = BlockCodec.ONE - 10_000; r < BlockCodec.ONE + 10_000; r++) {
        assertThat(BlockCodec.keeps(r, 0, range[c][0], range[c][1]))
            .isEqualTo(Math.abs(r - BlockCodec.ONE) < keepBelow[c]);
      }
    }
  }

  @Test
  void fixedPointRescalingFollowsTheFormatDefinition() {
    long rs = BlockCodec.fixedPoint(1.0, 0, 0.5, 0);
    assertThat((int) (rs >> 32)).isEqualTo(131072);
    assertThat((int) rs).isZero();
    rs = BlockCodec.fixedPoint(2.0, 1.0, 4.0, 3.0);
    assertThat((int) (rs >> 32)).isEqualTo(32768);
    assertThat((int) rs).isEqualTo(32768); // (3 - 1) / 4 = 0.5
    // Degenerate scales keep the old values.
    assertThat(BlockCodec.fixedPoint(1.0, 0, 0.0, 0)).isEqualTo((long) BlockCodec.ONE << 32);
    assertThat(BlockCodec.fixedPoint(Double.NaN, 0, 1.0, 0)).isEqualTo((long) BlockCodec.ONE << 32);
    // Huge ratios clamp.
    assertThat((int) (BlockCodec.fixedPoint(65504.0, 0, 1e-7, 0) >> 32)).isEqualTo(1 << 22);
    assertThat(BlockCodec.keeps(BlockCodec.ONE, 0, -128, 127)).isTrue();
    assertThat(BlockCodec.keeps(BlockCodec.ONE + 255, 0, -128, 127)).isTrue();
    assertThat(BlockCodec.keeps(BlockCodec.ONE + 256, 0, -128, 127)).isFalse();
  }

  @Test
  void floatTransformsUseOrderPreservingKeys() throws PatchException {
    assertThat(FloatDeltaCodec.key32(Float.floatToRawIntBits(1.0f)))
        .isGreaterThan(FloatDeltaCodec.key32(Float.floatToRawIntBits(-1.0f)));
    assertThat(FloatDeltaCodec.key32(Float.floatToRawIntBits(-0.0f))).isEqualTo(-1);
    assertThat(FloatDeltaCodec.key16(0x8000)).isEqualTo(0xFFFF);
    // 1.0f -> nextUp(1.0f): key difference +1, zigzag 2, only in the lowest plane.
    byte[] old = new byte[4];
    byte[] neu = new byte[4];
    putInt(old, Float.floatToRawIntBits(1.0f));
    putInt(neu, Float.floatToRawIntBits(Math.nextUp(1.0f)));
    assertThat(encode(Transform.F32, old, neu)).containsExactly(0, 0, 0, 2);
    // Crossing zero: -min, -0, +0, +min are consecutive keys, so -min -> +min is +3 (zigzag 6).
    putInt(old, Float.floatToRawIntBits(-Float.MIN_VALUE));
    putInt(neu, Float.floatToRawIntBits(Float.MIN_VALUE));
    byte[] p = encode(Transform.F32, old, neu);
    assertThat(p).containsExactly(0, 0, 0, 6);
    assertThat(apply(Transform.F32, old, p)).isEqualTo(neu);
  }

  @Test
  void fp16ValuesAreExact() {
    assertThat(Fp16.value(0x3C00)).isEqualTo(1.0);
    assertThat(Fp16.value(0xC000)).isEqualTo(-2.0);
    assertThat(Fp16.value(0x0001)).isEqualTo(Math.scalb(1.0, -24));
    assertThat(Fp16.value(0x7BFF)).isEqualTo(65504.0);
    assertThat(Fp16.value(0x7C00)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Fp16.value(0x7E00)).isNaN();
    for (int h = 0; h < 0x7C00; h++) {
      assertThat(Fp16.value(h))
          .isEqualTo(
              dev.modelfleet.gguf.quant.Fp16.toFloat((short) h),
              org.assertj.core.data.Offset.offset(0.0));
    }
  }

  @ParameterizedTest
  @EnumSource(Transform.class)
  void aPayloadOfTheWrongLengthIsCorrupt(Transform t) {
    byte[] old = randomUnits(t, 20, 10);
    byte[] neu = randomUnits(t, 21, 10);
    byte[] payload = encode(t, old, neu);
    byte[] longer = Arrays.copyOf(payload, payload.length + 1);
    byte[] shorter = Arrays.copyOf(payload, payload.length - 1);
    assertThatThrownBy(() -> apply(t, old, longer))
        .isInstanceOf(PatchException.class)
        .extracting(e -> ((PatchException) e).reason())
        .isEqualTo(PatchException.Reason.CORRUPT);
    assertThatThrownBy(() -> apply(t, old, shorter))
        .isInstanceOf(PatchException.class)
        .extracting(e -> ((PatchException) e).reason())
        .isEqualTo(PatchException.Reason.CORRUPT);
    if (t.unit() > 1) {
      assertThatThrownBy(
              () -> t.codec().apply(old.clone(), 0, old.length - 1, payload, 0, payload.length))
          .isInstanceOf(PatchException.class)
          .hasMessageContaining("whole number");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Transform.class,
      names = {"Q8_0", "Q5_K", "Q6_K"})
  void escapesOutOfRangeOrMissingAreCorrupt(Transform t) {
    byte[] old = randomUnits(t, 22, 3);
    BlockCodec codec = (BlockCodec) t.codec();
    int base = (int) codec.basePayloadLength(3);
    // All nibbles 15 but no escape bytes.
    byte[] noEscapes = new byte[base];
    Arrays.fill(noEscapes, base - 3 * (t == Transform.Q8_0 ? 16 : 128), base, (byte) 0xFF);
    assertThatThrownBy(() -> apply(t, old, noEscapes))
        .isInstanceOf(PatchException.class)
        .hasMessageContaining("escape");
    // One escaped symbol whose value exceeds the type's range.
    byte[] tooBig = Arrays.copyOf(new byte[base], base + 1);
    int firstNibble = base - 3 * (t == Transform.Q8_0 ? 16 : 128);
    tooBig[firstNibble] = 0x0F;
    tooBig[base] = (byte) 0xFF;
    assertThatThrownBy(() -> apply(t, old, tooBig))
        .isInstanceOf(PatchException.class)
        .hasMessageContaining("out of range");
  }

  @Test
  void transformsAreLookedUpByIdAndGgmlType() {
    for (Transform t : Transform.values()) {
      assertThat(Transform.byId(t.id())).contains(t);
    }
    assertThat(Transform.byId(0)).isEmpty();
    assertThat(Transform.byId(10)).isEmpty();
    assertThat(Transform.forGgmlType("Q8_0")).contains(Transform.Q8_0);
    assertThat(Transform.forGgmlType("IQ4_NL")).isEmpty();
    assertThat(Transform.forGgmlType("XOR")).isEmpty();
  }

  private static void putInt(byte[] b, int v) {
    b[0] = (byte) v;
    b[1] = (byte) (v >> 8);
    b[2] = (byte) (v >> 16);
    b[3] = (byte) (v >> 24);
  }
}
