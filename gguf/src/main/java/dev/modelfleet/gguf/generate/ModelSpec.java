package dev.modelfleet.gguf.generate;

import dev.modelfleet.gguf.GgmlType;
import java.util.EnumSet;
import java.util.Set;

/**
 * What {@link ModelGenerator} makes: a llama-architecture model with these hyperparameters. Use
 * {@link #forSize} to pick dimensions for a target file size, then {@code with...} to override.
 *
 * @param seed the seed of every random value in the file
 * @param quant the type of the 2-D weight matrices (norm vectors are always F32)
 * @param vocabSize tokens in the vocabulary (at least {@value #MIN_VOCAB})
 * @param embeddingLength the model width; a multiple of 32 and of {@code heads}
 * @param feedForwardLength the FFN width; a multiple of 32
 * @param layers transformer blocks
 * @param heads attention heads
 * @param kvHeads key/value heads (grouped-query attention when fewer than {@code heads})
 * @param contextLength the trained context length written to the metadata
 * @param name {@code general.name}
 * @param chatTemplate {@code tokenizer.chat_template}
 */
public record ModelSpec(
    long seed,
    GgmlType quant,
    int vocabSize,
    int embeddingLength,
    int feedForwardLength,
    int layers,
    int heads,
    int kvHeads,
    int contextLength,
    String name,
    String chatTemplate) {

  /** Types the generator writes weight matrices in. */
  public static final Set<GgmlType> SUPPORTED_QUANTS =
      Set.copyOf(
          EnumSet.of(
              GgmlType.F32,
              GgmlType.F16,
              GgmlType.BF16,
              GgmlType.Q8_0,
              GgmlType.Q4_0,
              GgmlType.Q4_K,
              GgmlType.Q5_K,
              GgmlType.Q6_K));

  /** Special tokens (3) + byte tokens (256) + the word-start marker. */
  public static final int MIN_VOCAB = 260;

  /** The generated vocabulary's size limit. */
  public static final int MAX_VOCAB = Vocabulary.MAX_SIZE;

  /** A short ChatML-like template. */
  public static final String DEFAULT_CHAT_TEMPLATE =
      "{% for message in messages %}<|{{ message['role'] }}|>\n{{ message['content'] }}</s>\n"
          + "{% endfor %}{% if add_generation_prompt %}<|assistant|>\n{% endif %}";

  /**
   * @throws IllegalArgumentException if a value is out of range or the dimensions do not fit
   *     together
   */
  public ModelSpec {
    if (!SUPPORTED_QUANTS.contains(quant)) {
      throw new IllegalArgumentException(
          "quant must be one of F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K, Q6_K but was " + quant);
    }
    check(vocabSize >= MIN_VOCAB && vocabSize <= MAX_VOCAB, "vocabSize", vocabSize);
    int rows = rowMultiple(quant);
    check(
        embeddingLength >= rows && embeddingLength % rows == 0,
        "embeddingLength (a multiple of " + rows + " for " + quant + ")",
        embeddingLength);
    check(
        feedForwardLength >= rows && feedForwardLength % rows == 0,
        "feedForwardLength (a multiple of " + rows + " for " + quant + ")",
        feedForwardLength);
    check(layers >= 1 && layers <= 1024, "layers", layers);
    check(heads >= 1 && embeddingLength % heads == 0, "heads", heads);
    check((embeddingLength / heads) % 2 == 0, "heads (head size must be even)", heads);
    check(kvHeads >= 1 && heads % kvHeads == 0, "kvHeads", kvHeads);
    check(contextLength >= 1, "contextLength", contextLength);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name must not be empty");
    }
  }

  /** Row lengths must be whole blocks: 256 for k-quants, else 32. */
  private static int rowMultiple(GgmlType quant) {
    return Math.max(32, quant.blockSize());
  }

  private static void check(boolean ok, String what, int value) {
    if (!ok) {
      throw new IllegalArgumentException(what + " is out of range: " + value);
    }
  }

  /**
   * Dimensions whose file comes close to {@code targetBytes} (within a layer's size; at least one
   * layer): the widest model in the ladder 64 (256 for k-quants), 128, ..., 4096 that still has two
   * layers, then as many layers as fit. Vocabulary 2048 (512 when embeddings would dominate),
   * context 2048.
   *
   * @throws IllegalArgumentException if {@code targetBytes} is not positive or the quant is not
   *     supported
   */
  public static ModelSpec forSize(long targetBytes, GgmlType quant, long seed) {
    if (targetBytes <= 0) {
      throw new IllegalArgumentException("targetBytes must be > 0 but was " + targetBytes);
    }
    int smallest = Math.max(64, rowMultiple(quant));
    ModelSpec best = sized(smallest, quant, seed, targetBytes);
    for (int d = smallest * 2; d <= 4096; d *= 2) {
      ModelSpec s = sized(d, quant, seed, targetBytes);
      if (s.fixedBytes() + 2 * s.layerBytes() <= targetBytes) {
        best = s;
      }
    }
    long remaining = targetBytes - best.fixedBytes();
    int layers =
        (int) Math.max(1, Math.min(1024, Math.round((double) remaining / best.layerBytes())));
    return best.withLayers(layers);
  }

  private static ModelSpec sized(int d, GgmlType quant, long seed, long targetBytes) {
    ModelSpec s = ladder(d, 2048, 1, quant, seed);
    return 2 * s.embeddingBytes() > targetBytes / 3 ? ladder(d, 512, 1, quant, seed) : s;
  }

  private static ModelSpec ladder(int d, int vocab, int layers, GgmlType quant, long seed) {
    int m = rowMultiple(quant);
    int ff = (8 * d / 3 + m - 1) / m * m;
    int heads = Math.max(2, d / 64);
    int kvHeads = heads >= 8 ? heads / 4 : heads;
    return new ModelSpec(
        seed,
        quant,
        vocab,
        d,
        ff,
        layers,
        heads,
        kvHeads,
        2048,
        "modelfleet-tiny-llama",
        DEFAULT_CHAT_TEMPLATE);
  }

  /** Elements per head. */
  public int headSize() {
    return embeddingLength / heads;
  }

  /** Width of the K and V projections. */
  public int kvLength() {
    return headSize() * kvHeads;
  }

  /** The number of weights (parameters). */
  public long parameterCount() {
    long d = embeddingLength;
    long perLayer = 2 * d * d + 2 * d * kvLength() + 3 * d * feedForwardLength + 2 * d;
    return 2L * vocabSize * d + d + layers * perLayer;
  }

  private long embeddingBytes() {
    return quant.byteSize((long) vocabSize * embeddingLength);
  }

  private long fixedBytes() {
    return 2 * embeddingBytes() + 4L * embeddingLength + 300_000;
  }

  private long layerBytes() {
    long d = embeddingLength;
    return quant.byteSize(2 * d * d + 2 * d * kvLength() + 3 * d * feedForwardLength) + 8 * d;
  }

  /** A copy with another seed. */
  public ModelSpec withSeed(long v) {
    return new ModelSpec(
        v,
        quant,
        vocabSize,
        embeddingLength,
        feedForwardLength,
        layers,
        heads,
        kvHeads,
        contextLength,
        name,
        chatTemplate);
  }

  /** A copy with another weight type. */
  public ModelSpec withQuant(GgmlType v) {
    return new ModelSpec(
        seed,
        v,
        vocabSize,
        embeddingLength,
        feedForwardLength,
        layers,
        heads,
        kvHeads,
        contextLength,
        name,
        chatTemplate);
  }

  /** A copy with another vocabulary size. */
  public ModelSpec withVocabSize(int v) {
    return new ModelSpec(
        seed,
        quant,
        v,
        embeddingLength,
        feedForwardLength,
        layers,
        heads,
        kvHeads,
        contextLength,
        name,
        chatTemplate);
  }

  /** Changes the width and sets the FFN width and head counts to match. */
  public ModelSpec withEmbeddingLength(int d) {
    ModelSpec l = ladder(d, vocabSize, layers, quant, seed);
    return new ModelSpec(
        seed,
        quant,
        vocabSize,
        d,
        l.feedForwardLength,
        layers,
        l.heads,
        l.kvHeads,
        contextLength,
        name,
        chatTemplate);
  }

  /** A copy with another FFN width. */
  public ModelSpec withFeedForwardLength(int v) {
    return new ModelSpec(
        seed,
        quant,
        vocabSize,
        embeddingLength,
        v,
        layers,
        heads,
        kvHeads,
        contextLength,
        name,
        chatTemplate);
  }

  /** A copy with another number of blocks. */
  public ModelSpec withLayers(int v) {
    return new ModelSpec(
        seed,
        quant,
        vocabSize,
        embeddingLength,
        feedForwardLength,
        v,
        heads,
        kvHeads,
        contextLength,
        name,
        chatTemplate);
  }

  /** A copy with other attention and key/value head counts. */
  public ModelSpec withHeads(int h, int kv) {
    return new ModelSpec(
        seed,
        quant,
        vocabSize,
        embeddingLength,
        feedForwardLength,
        layers,
        h,
        kv,
        contextLength,
        name,
        chatTemplate);
  }

  /** A copy with another context length. */
  public ModelSpec withContextLength(int v) {
    return new ModelSpec(
        seed,
        quant,
        vocabSize,
        embeddingLength,
        feedForwardLength,
        layers,
        heads,
        kvHeads,
        v,
        name,
        chatTemplate);
  }

  /** A copy with another {@code general.name}. */
  public ModelSpec withName(String v) {
    return new ModelSpec(
        seed,
        quant,
        vocabSize,
        embeddingLength,
        feedForwardLength,
        layers,
        heads,
        kvHeads,
        contextLength,
        v,
        chatTemplate);
  }

  /** A copy with another chat template. */
  public ModelSpec withChatTemplate(String v) {
    return new ModelSpec(
        seed,
        quant,
        vocabSize,
        embeddingLength,
        feedForwardLength,
        layers,
        heads,
        kvHeads,
        contextLength,
        name,
        v);
  }
}
