package dev.modelfleet.registry.metadata;

/** A signed metadata file as served: its bytes, version and strong ETag (its SHA-256). */
record MetadataDocument(byte[] content, long version, String sha256) {
  String etag() {
    return "\"" + sha256 + "\"";
  }
}
