package dev.modelfleet.delta.create;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Counts operations by kind. Not thread-safe: one per task, merged by the writer. */
final class OpTally {
  static final String COPY = "copy";
  static final String LITERAL = "literal";
  static final String DICTIONARY_LITERAL = "dictionary-literal";

  private final Map<String, long[]> counts = new TreeMap<>();

  void add(String kind, long bytes) {
    long[] c = counts.computeIfAbsent(kind, k -> new long[2]);
    c[0]++;
    c[1] += bytes;
  }

  void addAll(OpTally other) {
    other.counts.forEach(
        (k, v) -> {
          long[] c = counts.computeIfAbsent(k, x -> new long[2]);
          c[0] += v[0];
          c[1] += v[1];
        });
  }

  /** copy, literal, dictionary-literal, then transforms by name. */
  Map<String, OpCount> toMap() {
    Map<String, OpCount> m = new LinkedHashMap<>();
    m.put(COPY, of(COPY));
    m.put(LITERAL, of(LITERAL));
    m.put(DICTIONARY_LITERAL, of(DICTIONARY_LITERAL));
    counts.forEach(
        (k, v) -> {
          if (!m.containsKey(k)) {
            m.put(k, new OpCount(v[0], v[1]));
          }
        });
    return m;
  }

  private OpCount of(String kind) {
    long[] c = counts.get(kind);
    return c == null ? new OpCount(0, 0) : new OpCount(c[0], c[1]);
  }
}
