package dev.modelfleet.signing.json;

/** The JSON {@code null}. */
public enum JsonNull implements JsonValue {
  INSTANCE
}
