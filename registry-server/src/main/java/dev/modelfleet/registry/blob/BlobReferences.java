package dev.modelfleet.registry.blob;

/**
 * Implemented by every feature whose rows point at blobs; the orphan sweeper deletes a blob only
 * when no implementation references it.
 */
public interface BlobReferences {
  boolean references(String sha256);
}
