package dev.modelfleet.signing.json;

/**
 * Bounds on what {@link Json#parse} accepts, so hostile input cannot exhaust memory or stack.
 *
 * @param maxBytes largest accepted document, in bytes of UTF-8
 * @param maxDepth deepest nesting of arrays and objects
 * @param maxStringLength longest string or member name, in bytes as written in the document
 * @param maxMembers most members in one object or elements in one array
 */
public record JsonLimits(int maxBytes, int maxDepth, int maxStringLength, int maxMembers) {

  /** Generous for metadata and signature bundles, small enough to parse on a phone. */
  public static final JsonLimits DEFAULT = new JsonLimits(16 << 20, 64, 8 << 20, 1_000_000);

  public JsonLimits {
    if (maxBytes <= 0 || maxDepth <= 0 || maxStringLength <= 0 || maxMembers <= 0) {
      throw new IllegalArgumentException("JSON limits must be positive");
    }
  }
}
