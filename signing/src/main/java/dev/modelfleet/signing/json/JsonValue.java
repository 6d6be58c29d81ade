package dev.modelfleet.signing.json;

/** An immutable JSON value. */
public sealed interface JsonValue
    permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

  /** Compact JSON text of this value (no insignificant whitespace, keys in insertion order). */
  default String toJson() {
    return Json.write(this);
  }
}
