package dev.modelfleet.gguf.generate;

import static dev.modelfleet.gguf.generate.ModelGeneratorTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelfleet.gguf.GgmlType;
import dev.modelfleet.gguf.GgufFile;
import dev.modelfleet.gguf.GgufReader;
import dev.modelfleet.gguf.GgufTensorInfo;
import dev.modelfleet.gguf.GgufTensorSpec;
import dev.modelfleet.gguf.GgufValue;
import dev.modelfleet.gguf.quant.Quantization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDeriverTest {
  @TempDir Path dir;
  Path base;
  GgufFile baseFile;

  @BeforeEach
  void generateBase() throws IOException {
    base = dir.resolve("base.gguf");
    baseFile = ModelGenerator.generate(ModelSpec.forSize(2 << 20, GgmlType.Q8_0, 21), base);
  }

  @Test
  void longerChatTemplateShiftsEveryTensorButKeepsItsBytes() throws IOException {
    Path out = dir.resolve("t.gguf");
    String template = ModelSpec.DEFAULT_CHAT_TEMPLATE + "{# a longer template #}".repeat(10);
    GgufFile derived =
        ModelDeriver.derive(
            base,
            out,
            DeriveSpec.builder()
                .set("tokenizer.chat_template", GgufValue.string(template))
                .set("general.name", GgufValue.string("v2"))
                .unset(ModelGenerator.SEED_KEY)
                .build());

    assertThat(derived).isEqualTo(GgufReader.readHeader(out));
    assertThat(derived.metadata().findString("tokenizer.chat_template")).contains(template);
    assertThat(derived.metadata().find(ModelGenerator.SEED_KEY)).isEmpty();
    assertThat(derived.metadata().keys())
        .containsSubsequence("general.architecture", "general.name");
    long shift = derived.dataOffset() - baseFile.dataOffset();
    assertThat(shift).isPositive();
    try (GgufReader a = GgufReader.open(base);
        GgufReader b = GgufReader.open(out)) {
      for (GgufTensorInfo t : baseFile.tensors()) {
        GgufTensorInfo d = derived.tensor(t.name()).orElseThrow();
        assertThat(d.absoluteOffset()).isEqualTo(t.absoluteOffset() + shift);
        assertThat(bytes(b, d)).isEqualTo(bytes(a, t));
      }
    }
  }

  @Test
  void finetuneChangesEveryTensorByAboutTheRelativeNoiseSize() throws IOException {
    Path f32 = dir.resolve("f32.gguf");
    ModelGenerator.generate(ModelSpec.forSize(1 << 20, GgmlType.F32, 4), f32);
    Path out = dir.resolve("ft.gguf");
    GgufFile derived =
        ModelDeriver.derive(f32, out, DeriveSpec.builder().finetune(0.01).seed(7).build());
    try (GgufReader a = GgufReader.open(f32);
        GgufReader b = GgufReader.open(out)) {
      assertThat(derived.tensors()).isEqualTo(a.file().tensors());
      for (GgufTensorInfo t : a.file().tensors()) {
        float[] x = floats(a, t);
        float[] y = floats(b, t);
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < x.length; i++) {
          diff += (y[i] - x[i]) * (double) (y[i] - x[i]);
          norm += x[i] * (double) x[i];
        }
        assertThat(Math.sqrt(diff / norm)).as(t.name()).isCloseTo(0.01, within(0.002));
      }
    }
  }

  @Test
  void finetuneOfAKQuantModelRequantizesEachTensorToItsOwnType() throws IOException {
    Path k = dir.resolve("q6k.gguf");
    GgufFile kFile = ModelGenerator.generate(ModelSpec.forSize(2 << 20, GgmlType.Q6_K, 8), k);
    Path out = dir.resolve("q6k-ft.gguf");
    GgufFile derived =
        ModelDeriver.derive(k, out, DeriveSpec.builder().finetune(0.02).layers(0, 0).build());
    assertThat(derived.tensors()).isEqualTo(kFile.tensors());
    try (GgufReader a = GgufReader.open(k);
        GgufReader b = GgufReader.open(out)) {
      GgufTensorInfo t = kFile.tensor("blk.0.attn_q.weight").orElseThrow();
      assertThat(t.type()).isEqualTo(GgmlType.Q6_K);
      float[] x = floats(a, t);
      float[] y = floats(b, t);
      double diff = 0;
      double norm = 0;
      for (int i = 0; i < x.length; i++) {
        diff += (y[i] - x[i]) * (double) (y[i] - x[i]);
        norm += x[i] * (double) x[i];
      }
      // The noise plus Q6_K's own rounding error (~1%).
      assertThat(Math.sqrt(diff / norm)).isBetween(0.015, 0.04);
    }
  }

  @Test
  void finetuneOfChosenLayersChangesOnlyThoseBlocks() throws IOException {
    Path out = dir.resolve("ft.gguf");
    ModelDeriver.derive(
        base, out, DeriveSpec.builder().finetune(0.02).layers(1, 1).seed(1).build());
    try (GgufReader a = GgufReader.open(base);
        GgufReader b = GgufReader.open(out)) {
      for (GgufTensorInfo t : baseFile.tensors()) {
        boolean changed = !java.util.Arrays.equals(bytes(a, t), bytes(b, t));
        assertThat(changed).as(t.name()).isEqualTo(t.name().startsWith("blk.1."));
      }
    }
  }

  @Test
  void finetuneIsDeterministicForASeed() throws IOException {
    Path x = dir.resolve("x.gguf");
    Path y = dir.resolve("y.gguf");
    DeriveSpec spec = DeriveSpec.builder().finetune(0.05).seed(9).build();
    ModelDeriver.derive(base, x, spec, ProgressListener.NONE, 1);
    ModelDeriver.derive(base, y, spec, ProgressListener.NONE, 3);
    assertThat(Files.mismatch(x, y)).isEqualTo(-1L);
  }

  @Test
  void tensorsCanBeRemovedAndAdded() throws IOException {
    Path out = dir.resolve("tensors.gguf");
    GgufFile derived =
        ModelDeriver.derive(
            base,
            out,
            DeriveSpec.builder()
                .removeTensor("output.weight")
                .addTensor(GgufTensorSpec.of("extra.lora_a", GgmlType.F16, 64, 8))
                .addTensor(GgufTensorSpec.of("extra.scale", GgmlType.F32, 64))
                .build());
    assertThat(derived.tensor("output.weight")).isEmpty();
    assertThat(derived.tensors()).hasSize(baseFile.tensors().size() + 1);
    assertThat(derived.tensors().get(derived.tensors().size() - 1).name()).isEqualTo("extra.scale");
    assertThat(GgufReader.readHeader(out)).isEqualTo(derived);
  }

  @Test
  void removingAMissingTensorFailsAndWritesNothing() {
    Path out = dir.resolve("nothing.gguf");
    assertThatThrownBy(
            () -> ModelDeriver.derive(base, out, DeriveSpec.builder().removeTensor("nope").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nope'");
    assertThat(out).doesNotExist();
  }

  @Test
  void deriveInPlaceReplacesTheFileAtomically() throws IOException {
    ModelDeriver.derive(
        base, base, DeriveSpec.builder().set("general.name", GgufValue.string("in-place")).build());
    assertThat(GgufReader.readHeader(base).metadata().findString("general.name"))
        .contains("in-place");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(base);
    }
  }

  @Test
  void negativeNoiseOrABadLayerRangeIsRejected() {
    assertThatThrownBy(() -> DeriveSpec.builder().finetune(-0.1).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeriveSpec.builder().finetune(0.1).layers(3, 1).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static float[] floats(GgufReader r, GgufTensorInfo t) throws IOException {
    byte[] b = bytes(r, t);
    float[] out = new float[(int) t.elementCount()];
    Quantization.dequantize(t.type(), b, 0, out.length, out, 0);
    return out;
  }
}
