package dev.modelfleet.cli.gguf;

import dev.modelfleet.cli.common.OutputFiles;
import dev.modelfleet.gguf.GgmlType;
import dev.modelfleet.gguf.GgufFile;
import dev.modelfleet.gguf.generate.ModelGenerator;
import dev.modelfleet.gguf.generate.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modelfleet gguf generate}: a deterministic llama-architecture model. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Write a deterministic llama-architecture GGUF model that llama.cpp loads and runs. The"
          + " same options always give the same bytes. Dimensions are chosen to come close to"
          + " --size-mb; --layers, --vocab and --embedding-length override them."
    })
final class GenerateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file.")
  Path out;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "0",
      description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--quant",
      paramLabel = "TYPE",
      defaultValue = "Q8_0",
      description =
          "Weight type: F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K or Q6_K (default ${DEFAULT-VALUE}).")
  String quant;

  @Option(
      names = "--size-mb",
      paramLabel = "N",
      defaultValue = "8",
      description = "Approximate file size in MiB (default ${DEFAULT-VALUE}).")
  long sizeMb;

  @Option(names = "--layers", paramLabel = "N", description = "Transformer blocks.")
  @Nullable Integer layers;

  @Option(names = "--vocab", paramLabel = "N", description = "Vocabulary size (260..32000).")
  @Nullable Integer vocab;

  @Option(
      names = "--embedding-length",
      paramLabel = "N",
      description =
          "Model width (a multiple of 32, of 256 for k-quants); sets FFN width and heads to match.")
  @Nullable Integer embeddingLength;

  @Option(
      names = "--context-length",
      paramLabel = "N",
      description = "Context length (default 2048).")
  @Nullable Integer contextLength;

  @Option(names = "--name", paramLabel = "TEXT", description = "general.name.")
  @Nullable String name;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads (default: all cores).")
  @Nullable Integer threads;

  @Option(names = "--force", description = "Replace FILE if it exists.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    ModelSpec s = spec();
    OutputFiles.refuseToOverwrite(out, force);
    int t =
        threads != null
            ? threads
            : Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    long start = System.nanoTime();
    GgufFile f = ModelGenerator.generate(s, out, (done, total) -> {}, t);
    double seconds = (System.nanoTime() - start) / 1e9;
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "wrote %s: %s; %d layers, width %d, vocab %d, seed %d (%.1f MB/s)%n",
            out,
            GgufFiles.summary(f),
            s.layers(),
            s.embeddingLength(),
            s.vocabSize(),
            s.seed(),
            f.fileSize() / 1e6 / Math.max(seconds, 1e-9));
    return 0;
  }

  private ModelSpec spec() {
    GgmlType type =
        GgmlType.byName(quant)
            .filter(ModelSpec.SUPPORTED_QUANTS::contains)
            .orElseThrow(
                () ->
                    usage(
                        "--quant must be F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K or Q6_K, not '"
                            + quant
                            + "'"));
    if (sizeMb < 1 || sizeMb > 1 << 20) {
      throw usage("--size-mb must be between 1 and 1048576");
    }
    if (threads != null && (threads < 1 || threads > 256)) {
      throw usage("--threads must be between 1 and 256");
    }
    try {
      ModelSpec s = ModelSpec.forSize(sizeMb << 20, type, seed);
      if (embeddingLength != null) {
        s = s.withEmbeddingLength(embeddingLength);
      }
      if (layers != null) {
        s = s.withLayers(layers);
      }
      if (vocab != null) {
        s = s.withVocabSize(vocab);
      }
      if (contextLength != null) {
        s = s.withContextLength(contextLength);
      }
      if (name != null) {
        s = s.withName(name);
      }
      return s;
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private CommandLine.ParameterException usage(@Nullable String message) {
    return new CommandLine.ParameterException(
        spec.commandLine(), message == null ? "invalid options" : message);
  }
}
