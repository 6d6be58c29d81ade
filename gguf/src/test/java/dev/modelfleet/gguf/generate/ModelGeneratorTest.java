package dev.modelfleet.gguf.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelfleet.gguf.GgmlType;
import dev.modelfleet.gguf.GgufFile;
import dev.modelfleet.gguf.GgufReader;
import dev.modelfleet.gguf.GgufTensorInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelGeneratorTest {
  @TempDir Path dir;

  @Test
  void sameSpecGivesTheSameBytesWhateverTheThreadCount() throws IOException {
    ModelSpec spec = ModelSpec.forSize(2 << 20, GgmlType.Q8_0, 5);
    Path one = dir.resolve("one.gguf");
    Path three = dir.resolve("three.gguf");
    ModelGenerator.generate(spec, one, ProgressListener.NONE, 1);
    ModelGenerator.generate(spec, three, ProgressListener.NONE, 3);
    assertThat(Files.mismatch(one, three)).isEqualTo(-1L);
  }

  @Test
  void differentSeedsGiveDifferentWeightsButTheSameLayout() throws IOException {
    Path a = dir.resolve("a.gguf");
    Path b = dir.resolve("b.gguf");
    GgufFile fa = ModelGenerator.generate(ModelSpec.forSize(1 << 20, GgmlType.Q4_0, 1), a);
    GgufFile fb = ModelGenerator.generate(ModelSpec.forSize(1 << 20, GgmlType.Q4_0, 2), b);
    assertThat(fa.tensors()).isEqualTo(fb.tensors());
    try (GgufReader ra = GgufReader.open(a);
        GgufReader rb = GgufReader.open(b)) {
      for (GgufTensorInfo t : fa.tensors()) {
        assertThat(bytes(ra, t)).as(t.name()).isNotEqualTo(bytes(rb, t));
      }
    }
  }

  @Test
  void writtenFileMatchesThePlanAndParses() throws IOException {
    ModelSpec spec = ModelSpec.forSize(1 << 20, GgmlType.F16, 9).withContextLength(512);
    Path p = dir.resolve("m.gguf");
    AtomicLong last = new AtomicLong();
    GgufFile written = ModelGenerator.generate(spec, p, (done, total) -> last.set(total - done), 2);
    GgufFile read = GgufReader.readHeader(p);

    assertThat(read).isEqualTo(written).isEqualTo(ModelGenerator.plan(spec));
    assertThat(read.fileSize()).isEqualTo(Files.size(p));
    assertThat(last.get()).isZero();
    assertThat(read.architecture()).contains("llama");
    assertThat(read.metadata().architectureLong("context_length")).contains(512L);
    assertThat(read.metadata().architectureLong("block_count")).contains((long) spec.layers());
    assertThat(read.tensorTypeNames()).containsExactly("F16", "F32");
    assertThat(read.parameterCount()).isEqualTo(spec.parameterCount());
    assertThat(read.metadata().find("tokenizer.ggml.tokens").orElseThrow().size())
        .isEqualTo(spec.vocabSize());
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(p); // no temporary file left behind
    }
  }

  @ParameterizedTest
  @CsvSource({
    "1, Q8_0",
    "8, Q4_0",
    "8, F32",
    "64, F16",
    "1024, Q8_0",
    "4096, Q8_0",
    "4096, Q4_0",
    "8, Q4_K",
    "64, Q6_K",
    "1024, Q5_K"
  })
  void sizedSpecsComeCloseToTheTargetSize(long mib, GgmlType quant) {
    long target = mib << 20;
    ModelSpec spec = ModelSpec.forSize(target, quant, 1);
    long size = ModelGenerator.plan(spec).fileSize();
    assertThat((double) size / target).isCloseTo(1.0, within(mib == 1 ? 0.35 : 0.2));
  }

  @Test
  void quantizedBlocksHaveVariedScalesLikeRealWeights() throws IOException {
    Path p = dir.resolve("q8.gguf");
    GgufFile f = ModelGenerator.generate(ModelSpec.forSize(1 << 20, GgmlType.Q8_0, 3), p);
    GgufTensorInfo t = f.tensor("blk.0.ffn_up.weight").orElseThrow();
    try (GgufReader r = GgufReader.open(p)) {
      ByteBuffer b = ByteBuffer.wrap(bytes(r, t)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      Set<Short> scales = new HashSet<>();
      int saturated = 0;
      for (int block = 0; block < t.byteSize() / 34; block++) {
        scales.add(b.getShort(block * 34));
        for (int j = 0; j < 32; j++) {
          saturated += Math.abs(b.get(block * 34 + 2 + j)) == 127 ? 1 : 0;
        }
      }
      assertThat(scales.size()).isGreaterThan(100);
      // Every block has its maximum at +-127; with outliers few elements are that large.
      assertThat(saturated).isLessThan((int) (t.byteSize() / 34) * 2);
    }
  }

  @Test
  void failedWriteLeavesNoFileAtTheTarget() {
    Path p = dir.resolve("missing-dir/x.gguf");
    assertThatThrownBy(
            () -> ModelGenerator.generate(ModelSpec.forSize(1 << 20, GgmlType.F32, 1), p))
        .isInstanceOf(IOException.class);
    assertThat(p).doesNotExist();
  }

  @Test
  void generatingToAStreamThatFailsMidwayPropagatesTheError() {
    ModelSpec spec = ModelSpec.forSize(1 << 20, GgmlType.Q8_0, 1);
    OutputStream failing =
        new OutputStream() {
          long n;

          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            n += len;
            if (n > 300_000) {
              throw new IOException("No space left on device");
            }
          }
        };
    assertThatThrownBy(() -> ModelGenerator.generate(spec, failing, ProgressListener.NONE, 2))
        .hasMessageContaining("No space left");
  }

  @Test
  void invalidSpecsAreRejected() {
    ModelSpec ok = ModelSpec.forSize(1 << 20, GgmlType.Q8_0, 1);
    assertThatThrownBy(() -> ok.withQuant(GgmlType.IQ2_XXS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IQ2_XXS");
    assertThatThrownBy(() -> ok.withEmbeddingLength(64).withQuant(GgmlType.Q4_K))
        .hasMessageContaining("multiple of 256");
    assertThatThrownBy(() -> ok.withVocabSize(100)).hasMessageContaining("vocabSize");
    assertThatThrownBy(() -> ok.withHeads(3, 1)).hasMessageContaining("heads");
    assertThatThrownBy(() -> ok.withLayers(0)).hasMessageContaining("layers");
  }

  static byte[] bytes(GgufReader r, GgufTensorInfo t) throws IOException {
    ByteBuffer b = ByteBuffer.allocate((int) t.byteSize());
    r.readTensor(t, 0, b);
    return b.array();
  }
}
