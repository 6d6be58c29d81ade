package dev.modelfleet.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever metadata and tensors are written, reading the file gives them back exactly. */
class GgufWriterPropertyTest {

  @Provide
  Arbitrary<GgufValue> values() {
    return Arbitraries.lazyOf(
        () -> scalars(),
        () -> scalars(),
        () -> scalars().list().ofMaxSize(20).map(GgufWriterPropertyTest::arrayOfFirstType),
        () -> values().list().ofMaxSize(4).map(GgufWriterPropertyTest::arrayOfFirstType));
  }

  private static GgufValue arrayOfFirstType(List<GgufValue> items) {
    if (items.isEmpty()) {
      return GgufValue.array(GgufValueType.INT32, List.of());
    }
    GgufValueType t = items.get(0).type();
    List<GgufValue> same = new ArrayList<>();
    for (GgufValue v : items) {
      if (v.type() == t) {
        same.add(v);
      }
    }
    return GgufValue.array(t, same);
  }

  private Arbitrary<GgufValue> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.integers()
            .between(0, 255)
            .map(v -> GgufValue.ofInteger(GgufValueType.UINT8, v)),
        Arbitraries.bytes().map(v -> GgufValue.ofInteger(GgufValueType.INT8, v)),
        Arbitraries.integers()
            .between(0, 65535)
            .map(v -> GgufValue.ofInteger(GgufValueType.UINT16, v)),
        Arbitraries.shorts().map(v -> GgufValue.ofInteger(GgufValueType.INT16, v)),
        Arbitraries.longs().between(0, 0xFFFF_FFFFL).map(GgufValue::uint32),
        Arbitraries.integers().map(GgufValue::int32),
        Arbitraries.longs().map(GgufValue::uint64),
        Arbitraries.longs().map(GgufValue::int64),
        Arbitraries.floats().map(GgufValue::float32),
        Arbitraries.doubles().map(GgufValue::float64),
        Arbitraries.of(true, false).map(GgufValue::bool),
        Arbitraries.strings().ofMaxLength(40).map(GgufValue::string));
  }

  @Property(tries = 300, seed = "4242")
  void metadataAndTensorsRoundTrip(
      @ForAll("valueLists") List<GgufValue> values,
      @ForAll("dims") List<Long> rows,
      @ForAll boolean version2)
      throws IOException {
    GgufMetadata.Builder m = GgufMetadata.builder();
    for (int i = 0; i < values.size(); i++) {
      m.put("key." + i, values.get(i));
    }
    GgufMetadata metadata = m.build();
    List<GgufTensorSpec> tensors = new ArrayList<>();
    GgmlType[] types = {
      GgmlType.F32, GgmlType.Q8_0, GgmlType.Q4_K, GgmlType.IQ2_XXS, GgmlType.MXFP4
    };
    for (int i = 0; i < rows.size(); i++) {
      GgmlType t = types[i % types.length];
      tensors.add(GgufTensorSpec.of("t" + i, t, 256, rows.get(i)));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GgufWriter w = GgufWriter.start(out, version2 ? 2 : 3, metadata, tensors);
    for (GgufTensorSpec t : tensors) {
      byte[] data = new byte[(int) t.byteSize()];
      java.util.Arrays.fill(data, (byte) t.name().hashCode());
      w.write(data);
    }
    GgufFile written = w.finish();
    Path p = Files.createTempFile("roundtrip", ".gguf");
    try {
      Files.write(p, out.toByteArray());
      GgufFile read = GgufReader.readHeader(p);
      assertThat(read).isEqualTo(written);
      assertThat(read.metadata()).isEqualTo(metadata);
      assertThat(read.fileSize()).isEqualTo(out.size());
    } finally {
      Files.delete(p);
    }
  }

  @Provide
  Arbitrary<List<GgufValue>> valueLists() {
    return values().list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<List<Long>> dims() {
    return Arbitraries.longs().between(1, 5).list().ofMaxSize(6);
  }

  @Property(tries = 50, seed = "7")
  void writingTooLittleOrTooMuchDataIsAnError(@ForAll("dims") List<Long> rows) throws IOException {
    List<GgufTensorSpec> tensors = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      tensors.add(GgufTensorSpec.of("t" + i, GgmlType.F16, 32, rows.get(i)));
    }
    long total = tensors.stream().mapToLong(GgufTensorSpec::byteSize).sum();
    GgufWriter w = GgufWriter.start(new ByteArrayOutputStream(), 3, GgufMetadata.empty(), tensors);
    if (total > 0) {
      w.write(new byte[(int) total - 1]);
      assertThatThrownBy(w::finish).isInstanceOf(IllegalStateException.class);
      w.write(new byte[1]);
    }
    w.finish();
    assertThatThrownBy(() -> w.write(new byte[1])).isInstanceOf(IllegalStateException.class);
  }
}
