package dev.modelfleet.gguf.generate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A llama SentencePiece-style vocabulary: {@code <unk> <s> </s>}, the 256 byte-fallback tokens
 * {@code <0x00>..<0xFF>}, the word-start marker U+2581, printable ASCII, then word-start and
 * lowercase n-grams. Every multi-character token is reachable by merging two shorter ones, and
 * bytes cover everything else, so any text tokenizes.
 */
final class Vocabulary {
  static final String WORD_START = "\u2581";
  static final int TYPE_NORMAL = 1;
  static final int TYPE_UNKNOWN = 2;
  static final int TYPE_CONTROL = 3;
  static final int TYPE_BYTE = 6;
  static final int MAX_SIZE = 32_000;

  final List<String> tokens;
  final float[] scores;
  final int[] types;

  private Vocabulary(List<String> tokens, float[] scores, int[] types) {
    this.tokens = tokens;
    this.scores = scores;
    this.types = types;
  }

  static Vocabulary of(int size) {
    List<String> tokens = new ArrayList<>(size);
    tokens.add("<unk>");
    tokens.add("<s>");
    tokens.add("</s>");
    for (int b = 0; b < 256; b++) {
      tokens.add(String.format("<0x%02X>", b));
    }
    int firstNormal = tokens.size();
    Set<String> normal = new LinkedHashSet<>();
    normal.add(WORD_START);
    for (char c = 0x21; c < 0x7F; c++) {
      normal.add(String.valueOf(c));
    }
    char[] lower = "etaoinshrdlcumwfgypbvkjxqz".toCharArray();
    for (char c : lower) {
      normal.add(WORD_START + c);
    }
    for (char c : lower) {
      normal.add(WORD_START + Character.toUpperCase(c));
    }
    // Bigrams, then word-start + bigram, then trigrams, in letter-frequency order.
    List<String> bigrams = new ArrayList<>();
    for (char a : lower) {
      for (char b : lower) {
        bigrams.add("" + a + b);
      }
    }
    normal.addAll(bigrams);
    for (String bg : bigrams) {
      normal.add(WORD_START + bg);
    }
    List<String> trigrams = new ArrayList<>();
    for (String bg : bigrams) {
      for (char c : lower) {
        trigrams.add(bg + c);
      }
    }
    normal.addAll(trigrams);
    for (String tg : trigrams) {
      normal.add(WORD_START + tg);
    }
    for (String t : normal) {
      if (tokens.size() == size) {
        break;
      }
      tokens.add(t);
    }
    if (tokens.size() < size) {
      throw new IllegalArgumentException("the generated vocabulary has at most " + tokens.size());
    }
    float[] scores = new float[size];
    int[] types = new int[size];
    types[0] = TYPE_UNKNOWN;
    types[1] = TYPE_CONTROL;
    types[2] = TYPE_CONTROL;
    for (int i = 3; i < firstNormal; i++) {
      types[i] = TYPE_BYTE;
    }
    for (int i = firstNormal; i < size; i++) {
      types[i] = TYPE_NORMAL;
      // Longer n-grams come later and score lower, as rarer pieces do in a trained model.
      scores[i] = -(i - firstNormal) * 0.01f;
    }
    return new Vocabulary(List.copyOf(tokens), scores, types);
  }
}
