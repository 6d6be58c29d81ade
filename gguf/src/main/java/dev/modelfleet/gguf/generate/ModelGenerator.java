package dev.modelfleet.gguf.generate;

import dev.modelfleet.gguf.GgmlType;
import dev.modelfleet.gguf.GgufFile;
import dev.modelfleet.gguf.GgufMetadata;
import dev.modelfleet.gguf.GgufTensorSpec;
import dev.modelfleet.gguf.GgufValue;
import dev.modelfleet.gguf.GgufWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

/**
 * Writes deterministic llama-architecture GGUF v3 models that llama.cpp loads and runs: the same
 * {@link ModelSpec} always gives the same bytes, whatever the thread count. The file streams out
 * chunk by chunk; memory use does not grow with the model size.
 */
public final class ModelGenerator {
  /** {@code modelfleet.generator.seed}: the seed the file was generated with. */
  public static final String SEED_KEY = "modelfleet.generator.seed";

  private ModelGenerator() {}

  /** The tensors of a model of this spec, in file order (llama.cpp's names and shapes). */
  public static List<GgufTensorSpec> tensors(ModelSpec s) {
    long d = s.embeddingLength();
    long ff = s.feedForwardLength();
    long kv = s.kvLength();
    GgmlType q = s.quant();
    List<GgufTensorSpec> t = new ArrayList<>();
    t.add(GgufTensorSpec.of("token_embd.weight", q, d, s.vocabSize()));
    for (int i = 0; i < s.layers(); i++) {
      String b = "blk." + i + ".";
      t.add(GgufTensorSpec.of(b + "attn_norm.weight", GgmlType.F32, d));
      t.add(GgufTensorSpec.of(b + "attn_q.weight", q, d, d));
      t.add(GgufTensorSpec.of(b + "attn_k.weight", q, d, kv));
      t.add(GgufTensorSpec.of(b + "attn_v.weight", q, d, kv));
      t.add(GgufTensorSpec.of(b + "attn_output.weight", q, d, d));
      t.add(GgufTensorSpec.of(b + "ffn_norm.weight", GgmlType.F32, d));
      t.add(GgufTensorSpec.of(b + "ffn_gate.weight", q, d, ff));
      t.add(GgufTensorSpec.of(b + "ffn_down.weight", q, ff, d));
      t.add(GgufTensorSpec.of(b + "ffn_up.weight", q, d, ff));
    }
    t.add(GgufTensorSpec.of("output_norm.weight", GgmlType.F32, d));
    t.add(GgufTensorSpec.of("output.weight", q, d, s.vocabSize()));
    return List.copyOf(t);
  }

  /** The metadata of a model of this spec: hyperparameters, tokenizer, chat template. */
  public static GgufMetadata metadata(ModelSpec s) {
    Vocabulary v = Vocabulary.of(s.vocabSize());
    GgufMetadata.Builder m = GgufMetadata.builder();
    m.put("general.architecture", "llama");
    m.put("general.name", s.name());
    m.put("general.file_type", GgufValue.uint32(fileType(s.quant())));
    m.put("general.quantization_version", GgufValue.uint32(2));
    m.put(SEED_KEY, GgufValue.uint64(s.seed()));
    m.put("llama.vocab_size", GgufValue.uint32(s.vocabSize()));
    m.put("llama.context_length", GgufValue.uint32(s.contextLength()));
    m.put("llama.embedding_length", GgufValue.uint32(s.embeddingLength()));
    m.put("llama.block_count", GgufValue.uint32(s.layers()));
    m.put("llama.feed_forward_length", GgufValue.uint32(s.feedForwardLength()));
    m.put("llama.rope.dimension_count", GgufValue.uint32(s.headSize()));
    m.put("llama.rope.freq_base", GgufValue.float32(10000.0f));
    m.put("llama.attention.head_count", GgufValue.uint32(s.heads()));
    m.put("llama.attention.head_count_kv", GgufValue.uint32(s.kvHeads()));
    m.put("llama.attention.layer_norm_rms_epsilon", GgufValue.float32(1e-5f));
    m.put("tokenizer.ggml.model", "llama");
    m.put("tokenizer.ggml.tokens", GgufValue.stringArray(v.tokens));
    m.put("tokenizer.ggml.scores", GgufValue.float32Array(v.scores));
    m.put("tokenizer.ggml.token_type", GgufValue.int32Array(v.types));
    m.put("tokenizer.ggml.unknown_token_id", GgufValue.uint32(0));
    m.put("tokenizer.ggml.bos_token_id", GgufValue.uint32(1));
    m.put("tokenizer.ggml.eos_token_id", GgufValue.uint32(2));
    m.put("tokenizer.ggml.add_bos_token", GgufValue.bool(true));
    m.put("tokenizer.ggml.add_eos_token", GgufValue.bool(false));
    m.put("tokenizer.chat_template", s.chatTemplate());
    return m.build();
  }

  /** llama.cpp's {@code llama_ftype} for a model whose matrices are {@code quant}. */
  static int fileType(GgmlType quant) {
    return switch (quant) {
      case F32 -> 0;
      case F16 -> 1;
      case Q4_0 -> 2;
      case Q8_0 -> 7;
      case BF16 -> 32;
      case Q4_K -> 14; // LLAMA_FTYPE_MOSTLY_Q4_K_S
      case Q5_K -> 16; // LLAMA_FTYPE_MOSTLY_Q5_K_S
      case Q6_K -> 18;
      default -> throw new IllegalArgumentException("no file type for " + quant);
    };
  }

  /** The layout of the file {@link #generate} would write, without writing it. */
  public static GgufFile plan(ModelSpec s) {
    return GgufWriter.plan(3, metadata(s), tensors(s));
  }

  /**
   * Writes the model to {@code out} (through a temporary file renamed into place), using all
   * available processors.
   *
   * @throws IOException if writing fails (no file is left at {@code out} then)
   */
  public static GgufFile generate(ModelSpec s, Path out) throws IOException {
    return generate(s, out, ProgressListener.NONE, defaultThreads());
  }

  /**
   * Writes the model to {@code out} through a temporary file renamed into place.
   *
   * @param threads worker threads for computing weights (1 = the calling thread only)
   * @throws IOException if writing fails (no file is left at {@code out} then)
   */
  public static GgufFile generate(ModelSpec s, Path out, ProgressListener listener, int threads)
      throws IOException {
    return AtomicFile.write(out, stream -> generate(s, stream, listener, threads));
  }

  /**
   * Writes the model to a stream (which the caller closes).
   *
   * @throws IOException if writing fails
   */
  public static GgufFile generate(
      ModelSpec s, OutputStream out, ProgressListener listener, int threads) throws IOException {
    List<GgufTensorSpec> tensors = tensors(s);
    GgufWriter w = GgufWriter.start(out, 3, metadata(s), tensors);
    long total = 0;
    for (GgufTensorSpec t : tensors) {
      total += t.byteSize();
    }
    ChunkPipeline.run(allChunks(s.seed(), tensors), w, threads, total, listener);
    return w.finish();
  }

  static int defaultThreads() {
    return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
  }

  private static Iterator<Callable<byte[]>> allChunks(long seed, List<GgufTensorSpec> tensors) {
    return new Iterator<>() {
      int tensor;
      Iterator<Callable<byte[]>> current = Weights.chunks(seed, tensors.get(0));

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && tensor + 1 < tensors.size()) {
          current = Weights.chunks(seed, tensors.get(++tensor));
        }
        return current.hasNext();
      }

      @Override
      public Callable<byte[]> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }
}
