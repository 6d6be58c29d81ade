package dev.modelfleet.gguf.generate;

import static org.assertj.core.api.Assertions.assertThat;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import dev.modelfleet.gguf.GgmlType;
import dev.modelfleet.gguf.GgufMetadata;
import dev.modelfleet.gguf.GgufReader;
import dev.modelfleet.gguf.GgufTensorInfo;
import dev.modelfleet.gguf.GgufTensorSpec;
import dev.modelfleet.gguf.GgufValue;
import dev.modelfleet.gguf.GgufWriter;
import dev.modelfleet.gguf.TestData;
import dev.modelfleet.gguf.quant.Quantization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * llama.cpp (the native library bundled in {@code de.kherud:llama}) loads what the generator and
 * the deriver write, tokenizes arbitrary text with the generated vocabulary and generates the same
 * tokens every time with greedy sampling. Every model is closed: its non-daemon thread would keep
 * the test JVM alive.
 */
class LlamaCppAcceptanceTest {
  @TempDir static Path dir;

  @BeforeAll
  static void quietLlama() {
    LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> {});
  }

  private static ModelSpec small(GgmlType quant) {
    return ModelSpec.forSize(3 << 20, quant, 11);
  }

  /** Generates greedily twice from a fresh context each time and returns the text. */
  private static String[] greedyTwice(Path model) {
    return greedyTwice(model, 12);
  }

  private static String[] greedyTwice(Path model, int tokens) {
    ModelParameters mp =
        new ModelParameters()
            .setModel(model.toString())
            .setCtxSize(256)
            .setThreads(1)
            .setThreadsBatch(1)
            .setGpuLayers(0)
            .setSeed(1);
    try (LlamaModel llama = new LlamaModel(mp)) {
      String[] out = new String[2];
      for (int i = 0; i < 2; i++) {
        InferenceParameters ip =
            new InferenceParameters("Once upon a time, the model said")
                .setTemperature(0f)
                .setNPredict(tokens)
                .setIgnoreEos(true)
                .setCachePrompt(false)
                .setSeed(1);
        out[i] = llama.complete(ip);
      }
      return out;
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = GgmlType.class,
      names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q5_K", "Q6_K"})
  void generatedModelsLoadAndGenerateDeterministically(GgmlType quant) throws IOException {
    Path model = dir.resolve("gen-" + quant + ".gguf");
    ModelGenerator.generate(small(quant), model);

    String[] out = greedyTwice(model);

    assertThat(out[0]).isNotEmpty().isEqualTo(out[1]);
  }

  @Test
  void generatedVocabularyTokenizesArbitraryTextAndDecodesItBack() throws IOException {
    Path model = dir.resolve("vocab.gguf");
    ModelGenerator.generate(small(GgmlType.Q8_0), model);
    String text = "Hello, wörld! Ünïcödé → 😀 tabs\tand\nnewlines {json: [1, 2]}";
    try (LlamaModel llama =
        new LlamaModel(new ModelParameters().setModel(model.toString()).setGpuLayers(0))) {
      int[] tokens = llama.encode(text);
      assertThat(tokens.length).isGreaterThan(10).isLessThan(text.length() * 4);
      assertThat(llama.decode(tokens)).contains(text.substring(1));
    }
  }

  @Test
  void derivedModelsLoadAndGenerateDeterministically() throws IOException {
    Path base = dir.resolve("base.gguf");
    ModelGenerator.generate(small(GgmlType.Q8_0), base);
    Path template = dir.resolve("template.gguf");
    ModelDeriver.derive(
        base,
        template,
        DeriveSpec.builder()
            .set(
                "tokenizer.chat_template",
                GgufValue.string(ModelSpec.DEFAULT_CHAT_TEMPLATE.repeat(3)))
            .build());
    Path tuned = dir.resolve("tuned.gguf");
    ModelDeriver.derive(base, tuned, DeriveSpec.builder().finetune(0.05).seed(2).build());
    Path tunedLayers = dir.resolve("tuned-layers.gguf");
    ModelDeriver.derive(
        base, tunedLayers, DeriveSpec.builder().finetune(0.05).layers(0, 0).seed(3).build());

    String baseText = greedyTwice(base)[0];
    String[] templateText = greedyTwice(template);
    assertThat(templateText[0]).isEqualTo(templateText[1]).isEqualTo(baseText);
    for (Path p : new Path[] {tuned, tunedLayers}) {
      String[] out = greedyTwice(p);
      assertThat(out[0]).as(p.toString()).isNotEmpty().isEqualTo(out[1]);
    }
  }

  @Test
  void llamaCppFixtureLoadsAndGenerates() {
    String[] out = greedyTwice(TestData.tinyLlama());
    assertThat(out[0]).isNotEmpty().isEqualTo(out[1]);
  }

  /**
   * Cross-checks block layouts and dequantizers against llama.cpp: a quantized model and an F32
   * copy holding our dequantization of the same blocks must generate the same text. A wrong bit
   * layout would make llama.cpp read other weights than we decode.
   */
  @ParameterizedTest
  @EnumSource(
      value = GgmlType.class,
      names = {"Q8_0", "Q4_0", "Q4_K", "Q5_K", "Q6_K"})
  void llamaCppReadsTheWeightsOurDequantizerReads(GgmlType quant) throws IOException {
    Path model = dir.resolve("xcheck-" + quant + ".gguf");
    ModelGenerator.generate(small(quant), model);
    Path f32 = dir.resolve("xcheck-" + quant + "-as-f32.gguf");
    try (GgufReader r = GgufReader.open(model);
        java.io.OutputStream out =
            new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(f32))) {
      List<GgufTensorSpec> specs = new ArrayList<>();
      for (GgufTensorInfo t : r.file().tensors()) {
        specs.add(new GgufTensorSpec(t.name(), GgmlType.F32, t.dims()));
      }
      GgufMetadata md =
          r.file().metadata().toBuilder().put("general.file_type", GgufValue.uint32(0)).build();
      GgufWriter w = GgufWriter.start(out, 3, md, specs);
      for (GgufTensorInfo t : r.file().tensors()) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) t.byteSize());
        r.readTensor(t, 0, b);
        float[] values = new float[(int) t.elementCount()];
        Quantization.dequantize(t.type(), b.array(), 0, values.length, values, 0);
        byte[] raw = new byte[values.length * 4];
        Quantization.quantize(GgmlType.F32, values, 0, values.length, raw, 0);
        w.write(raw);
      }
      w.finish();
    }
    // llama.cpp multiplies quantized weights with quantized activations, so the results are close,
    // not equal. Generated text is too coarse a check (a few tokens dominate a random model's
    // logits); the pooled hidden state of a prompt is not.
    float[] a = embedding(model);
    float[] b = embedding(f32);
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    assertThat(dot / Math.sqrt(na * nb)).as("cosine similarity").isGreaterThan(0.995);
  }

  private static float[] embedding(Path model) {
    ModelParameters mp =
        new ModelParameters()
            .setModel(model.toString())
            .setCtxSize(256)
            .setThreads(1)
            .setGpuLayers(0)
            .enableEmbedding();
    try (LlamaModel llama = new LlamaModel(mp)) {
      return llama.embed("The quick brown fox jumps over the lazy dog, again and again.");
    }
  }
}
