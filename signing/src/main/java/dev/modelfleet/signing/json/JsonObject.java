package dev.modelfleet.signing.json;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON object: members in the order they were parsed or added. Accessors follow one rule: {@code
 * getX(name)} throws {@link JsonException} when the member is missing or of another type, {@code
 * findX(name)} returns empty when it is missing and throws when it is of another type.
 */
public final class JsonObject implements JsonValue {
  private final Map<String, JsonValue> members;

  private JsonObject(Map<String, JsonValue> members) {
    this.members = Collections.unmodifiableMap(members);
  }

  public static JsonObject of(Map<String, ? extends JsonValue> members) {
    return new JsonObject(new LinkedHashMap<>(members));
  }

  /** Takes ownership of {@code members} without copying (the parser's freshly built maps). */
  static JsonObject ofOwned(Map<String, JsonValue> members) {
    return new JsonObject(members);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting with this object's members. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.members.putAll(members);
    return b;
  }

  public Map<String, JsonValue> members() {
    return members;
  }

  public Set<String> keys() {
    return members.keySet();
  }

  public boolean has(String name) {
    return members.containsKey(name);
  }

  public int size() {
    return members.size();
  }

  public Optional<JsonValue> find(String name) {
    return Optional.ofNullable(members.get(name));
  }

  /**
   * @throws JsonException if there is no member {@code name}
   */
  public JsonValue get(String name) {
    JsonValue v = members.get(name);
    if (v == null) {
      throw new JsonException("missing member \"" + name + "\"");
    }
    return v;
  }

  public String getString(String name) {
    return as(name, get(name), JsonString.class).value();
  }

  public Optional<String> findString(String name) {
    return find(name).map(v -> as(name, v, JsonString.class).value());
  }

  public long getLong(String name) {
    return as(name, get(name), JsonNumber.class).longValue();
  }

  public Optional<Long> findLong(String name) {
    return find(name).map(v -> as(name, v, JsonNumber.class).longValue());
  }

  public int getInt(String name) {
    return as(name, get(name), JsonNumber.class).intValue();
  }

  public BigDecimal getNumber(String name) {
    return as(name, get(name), JsonNumber.class).value();
  }

  public boolean getBoolean(String name) {
    return as(name, get(name), JsonBoolean.class).value();
  }

  public Optional<Boolean> findBoolean(String name) {
    return find(name).map(v -> as(name, v, JsonBoolean.class).value());
  }

  public JsonObject getObject(String name) {
    return as(name, get(name), JsonObject.class);
  }

  public Optional<JsonObject> findObject(String name) {
    return find(name).map(v -> as(name, v, JsonObject.class));
  }

  public JsonArray getArray(String name) {
    return as(name, get(name), JsonArray.class);
  }

  public Optional<JsonArray> findArray(String name) {
    return find(name).map(v -> as(name, v, JsonArray.class));
  }

  static <T extends JsonValue> T as(String what, JsonValue v, Class<T> type) {
    if (!type.isInstance(v)) {
      throw new JsonException(
          "member \"" + what + "\" must be " + Json.typeName(type) + ", not " + Json.typeName(v));
    }
    return type.cast(v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonObject other && members.equals(other.members);
  }

  @Override
  public int hashCode() {
    return members.hashCode();
  }

  @Override
  public String toString() {
    return toJson();
  }

  /** Collects members; a later {@code put} of the same name replaces the earlier value. */
  public static final class Builder {
    private final Map<String, JsonValue> members = new LinkedHashMap<>();

    private Builder() {}

    public Builder put(String name, JsonValue value) {
      members.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder put(String name, String value) {
      return put(name, new JsonString(value));
    }

    public Builder put(String name, long value) {
      return put(name, JsonNumber.of(value));
    }

    public Builder put(String name, double value) {
      return put(name, JsonNumber.of(value));
    }

    public Builder put(String name, BigDecimal value) {
      return put(name, new JsonNumber(value));
    }

    public Builder put(String name, boolean value) {
      return put(name, JsonBoolean.of(value));
    }

    /** Puts {@code value} if it is present; does nothing otherwise. */
    public Builder putIfPresent(String name, Optional<? extends JsonValue> value) {
      value.ifPresent(v -> put(name, v));
      return this;
    }

    public Builder remove(String name) {
      members.remove(name);
      return this;
    }

    public JsonObject build() {
      return new JsonObject(new LinkedHashMap<>(members));
    }
  }
}
