package dev.modelfleet.signing.json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** A JSON array. */
public final class JsonArray implements JsonValue {
  private final List<JsonValue> elements;

  private JsonArray(List<JsonValue> elements) {
    this.elements = List.copyOf(elements);
  }

  public static JsonArray of(Collection<? extends JsonValue> elements) {
    return new JsonArray(new ArrayList<>(elements));
  }

  public static JsonArray of(JsonValue... elements) {
    return new JsonArray(List.of(elements));
  }

  /** An array of JSON strings. */
  public static JsonArray ofStrings(Collection<String> strings) {
    return new JsonArray(strings.stream().map(s -> (JsonValue) new JsonString(s)).toList());
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<JsonValue> elements() {
    return elements;
  }

  public int size() {
    return elements.size();
  }

  public boolean isEmpty() {
    return elements.isEmpty();
  }

  public JsonValue get(int index) {
    return elements.get(index);
  }

  /**
   * The elements as objects.
   *
   * @throws JsonException if an element is not an object
   */
  public List<JsonObject> objects() {
    return typed(JsonObject.class);
  }

  /**
   * The elements as strings.
   *
   * @throws JsonException if an element is not a string
   */
  public List<String> strings() {
    return typed(JsonString.class).stream().map(JsonString::value).toList();
  }

  private <T extends JsonValue> List<T> typed(Class<T> type) {
    List<T> out = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      out.add(JsonObject.as("[" + i + "]", elements.get(i), type));
    }
    return List.copyOf(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonArray other && elements.equals(other.elements);
  }

  @Override
  public int hashCode() {
    return elements.hashCode();
  }

  @Override
  public String toString() {
    return toJson();
  }

  /** Collects elements in order. */
  public static final class Builder {
    private final List<JsonValue> elements = new ArrayList<>();

    private Builder() {}

    public Builder add(JsonValue value) {
      elements.add(Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder add(String value) {
      return add(new JsonString(value));
    }

    public Builder add(long value) {
      return add(JsonNumber.of(value));
    }

    public JsonArray build() {
      return new JsonArray(elements);
    }
  }
}
