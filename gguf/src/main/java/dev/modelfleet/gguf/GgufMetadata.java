package dev.modelfleet.gguf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A GGUF file's metadata: keys in file order, each with a typed {@link GgufValue}. Immutable. */
public final class GgufMetadata {
  /** The key that sets the tensor data alignment. */
  public static final String ALIGNMENT_KEY = "general.alignment";

  /** The key that names the model architecture ({@code llama}, ...). */
  public static final String ARCHITECTURE_KEY = "general.architecture";

  /** The alignment when {@value #ALIGNMENT_KEY} is absent. */
  public static final int DEFAULT_ALIGNMENT = 32;

  private static final GgufMetadata EMPTY = new GgufMetadata(new LinkedHashMap<>());

  private final Map<String, GgufValue> entries;

  private GgufMetadata(Map<String, GgufValue> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  /** No keys. */
  public static GgufMetadata empty() {
    return EMPTY;
  }

  /** A builder with no keys. */
  public static Builder builder() {
    return new Builder(new LinkedHashMap<>());
  }

  /** A builder that starts with this metadata's keys, in order. */
  public Builder toBuilder() {
    return new Builder(new LinkedHashMap<>(entries));
  }

  /** Keys and values in file order (unmodifiable). */
  public Map<String, GgufValue> entries() {
    return entries;
  }

  /** Keys in file order. */
  public Set<String> keys() {
    return entries.keySet();
  }

  /** Number of keys. */
  public int size() {
    return entries.size();
  }

  /** The value of {@code key}, or empty. */
  public Optional<GgufValue> find(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** The string value of {@code key}; empty if absent or not a string. */
  public Optional<String> findString(String key) {
    @Nullable GgufValue v = entries.get(key);
    return v != null && v.type() == GgufValueType.STRING
        ? Optional.of(v.asString())
        : Optional.empty();
  }

  /** The integer value of {@code key}; empty if absent or not an integer. */
  public Optional<Long> findLong(String key) {
    @Nullable GgufValue v = entries.get(key);
    return v != null && v.isInteger() ? Optional.of(v.asLong()) : Optional.empty();
  }

  /** {@value #ARCHITECTURE_KEY}, if present and a string. */
  public Optional<String> architecture() {
    return findString(ARCHITECTURE_KEY);
  }

  /**
   * {@code <architecture>.<suffix>} as an integer, e.g. {@code architectureLong("context_length")}.
   */
  public Optional<Long> architectureLong(String suffix) {
    return architecture().flatMap(a -> findLong(a + "." + suffix));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof GgufMetadata m && entries.equals(m.entries) && orderEquals(m);
  }

  private boolean orderEquals(GgufMetadata m) {
    return List.copyOf(entries.keySet()).equals(List.copyOf(m.keys()));
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return entries.toString();
  }

  /** Builds {@link GgufMetadata}; keys keep their insertion order, replacing keeps the position. */
  public static final class Builder {
    private final Map<String, GgufValue> entries;

    private Builder(Map<String, GgufValue> entries) {
      this.entries = entries;
    }

    /** Sets {@code key} (replacing keeps its position; a new key goes last). */
    public Builder put(String key, GgufValue value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      entries.put(key, value);
      return this;
    }

    /** Sets a string value. */
    public Builder put(String key, String value) {
      return put(key, GgufValue.string(value));
    }

    /** Removes {@code key} if present. */
    public Builder remove(String key) {
      entries.remove(key);
      return this;
    }

    /** Whether {@code key} is set. */
    public boolean contains(String key) {
      return entries.containsKey(key);
    }

    /** The metadata built so far. */
    public GgufMetadata build() {
      return new GgufMetadata(new LinkedHashMap<>(entries));
    }
  }
}
