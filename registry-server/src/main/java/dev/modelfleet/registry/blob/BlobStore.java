package dev.modelfleet.registry.blob;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Blobs addressed by the lower-case hex SHA-256 of their content. Writers store a blob before any
 * database row references it; the {@link OrphanSweeper} removes blobs no row references after a
 * grace period. So a crash between the two leaves an orphan, never a dangling reference.
 */
public interface BlobStore {

  /** What is known about a stored blob. */
  record BlobInfo(String sha256, long size, Instant lastModified) {}

  /**
   * Stores {@code file}, whose SHA-256 the caller has verified, under {@code sha256}, consuming the
   * file (it is moved or deleted). Storing an existing blob again only deletes {@code file}.
   *
   * @throws IOException if the store cannot be written; nothing is stored then
   */
  BlobInfo put(Path file, String sha256) throws IOException;

  Optional<BlobInfo> find(String sha256) throws IOException;

  /** Streams the blob. @throws java.nio.file.NoSuchFileException if it does not exist */
  InputStream open(String sha256) throws IOException;

  /**
   * A file with the blob's bytes for positional reads: the stored file itself (filesystem) or a
   * downloaded copy in {@code scratchDir} that the caller deletes.
   */
  LocalCopy localCopy(String sha256, Path scratchDir) throws IOException;

  /** A link a device or CLI downloads from directly; valid for {@code ttl}. */
  URI downloadUrl(String sha256, String fileName, Duration ttl, URI registryBase);

  /** Deletes the blob if it exists. */
  void delete(String sha256) throws IOException;

  /** Visits every stored blob (for the orphan sweeper). */
  void forEach(Consumer<BlobInfo> visitor) throws IOException;

  /** A readable file for one blob; closing deletes it if it was a temporary copy. */
  interface LocalCopy extends AutoCloseable {
    Path path();

    @Override
    void close() throws IOException;
  }
}
