package dev.modelfleet.cli.registry;

import dev.modelfleet.signing.json.JsonArray;
import dev.modelfleet.signing.json.JsonNull;
import dev.modelfleet.signing.json.JsonNumber;
import dev.modelfleet.signing.json.JsonObject;
import dev.modelfleet.signing.json.JsonString;
import dev.modelfleet.signing.json.JsonValue;
import java.util.Optional;

/** Lenient reads of server JSON, where absent and {@code null} members mean the same. */
final class JsonViews {
  private JsonViews() {}

  static String text(JsonObject o, String name) {
    return find(o, name).map(JsonViews::scalar).orElse("");
  }

  static long number(JsonObject o, String name) {
    return find(o, name)
        .filter(v -> v instanceof JsonNumber)
        .map(v -> ((JsonNumber) v).value().longValue())
        .orElse(0L);
  }

  static JsonArray array(JsonObject o, String name) {
    return find(o, name)
        .filter(v -> v instanceof JsonArray)
        .map(v -> (JsonArray) v)
        .orElse(JsonArray.of());
  }

  static Optional<JsonValue> find(JsonObject o, String name) {
    return o.find(name).filter(v -> !(v instanceof JsonNull));
  }

  static String scalar(JsonValue v) {
    if (v instanceof JsonString s) {
      return s.value();
    }
    return v.toJson();
  }
}
