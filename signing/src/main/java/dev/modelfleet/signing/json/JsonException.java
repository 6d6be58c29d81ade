package dev.modelfleet.signing.json;

/**
 * Malformed JSON, a document beyond {@link JsonLimits}, or a value of the wrong shape. The message
 * names the byte offset (parsing) or the member (access) and never echoes large input.
 */
public final class JsonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JsonException(String message) {
    super(message);
  }
}
