package dev.modelfleet.gguf.generate;

import static org.assertj.core.api.Assertions.assertThat;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import dev.modelfleet.gguf.GgmlType;
import dev.modelfleet.gguf.GgufValue;
import dev.modelfleet.gguf.TestData;
import java.io.IOException;
import java.nio.file.Path;
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
                .setNPredict(12)
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
      names = {"F32", "F16", "Q8_0", "Q4_0"})
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
}
