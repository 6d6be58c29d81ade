package dev.modelfleet.registry.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Blobs as files {@code <root>/sha256/ab/abcdef...}, written by atomic rename so a reader never
 * sees a partial blob. Downloads are HMAC-signed, expiring {@code /blobs/{sha256}} links served by
 * {@link BlobDownloadController} with HTTP Range support.
 */
final class FilesystemBlobStore implements BlobStore {
  private final Path root;
  private final UrlSigner signer;
  private final Clock clock;

  FilesystemBlobStore(Path root, UrlSigner signer, Clock clock) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.signer = signer;
    this.clock = clock;
    Files.createDirectories(this.root.resolve("sha256"));
  }

  Path root() {
    return root;
  }

  UrlSigner signer() {
    return signer;
  }

  Path pathOf(String sha256) {
    Digests.requireSha256(sha256);
    return root.resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256);
  }

  @Override
  public BlobInfo put(Path file, String sha256) throws IOException {
    Path target = pathOf(sha256);
    if (Files.exists(target)) {
      Files.deleteIfExists(file);
      return info(sha256, target);
    }
    Path dir = Objects.requireNonNull(target.getParent(), "a blob path has a directory");
    Files.createDirectories(dir);
    try {
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Staging on another filesystem: copy beside the target, then rename atomically.
      Path tmp = target.resolveSibling(sha256 + ".tmp-" + Long.toHexString(System.nanoTime()));
      try {
        Files.copy(file, tmp);
        // The caller synced its staged file, not this copy: a crash after the rename must not
        // leave a blob whose name promises bytes the disk never got.
        force(tmp);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException raced) {
        Files.deleteIfExists(tmp);
      } finally {
        Files.deleteIfExists(tmp);
      }
      Files.deleteIfExists(file);
    }
    // The rename is only durable once its directory is: the database is about to point at it.
    syncDirectory(dir);
    return info(sha256, target);
  }

  private static void force(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // Not supported (e.g. Windows): the rename is still atomic, just not yet durable.
    }
  }

  @Override
  public Optional<BlobInfo> find(String sha256) throws IOException {
    Path p = pathOf(sha256);
    return Files.isRegularFile(p) ? Optional.of(info(sha256, p)) : Optional.empty();
  }

  @Override
  public InputStream open(String sha256) throws IOException {
    return Files.newInputStream(pathOf(sha256));
  }

  @Override
  public LocalCopy localCopy(String sha256, Path scratchDir) throws IOException {
    Path p = pathOf(sha256);
    if (!Files.isRegularFile(p)) {
      throw new java.nio.file.NoSuchFileException(p.toString());
    }
    return new LocalCopy() {
      @Override
      public Path path() {
        return p;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public URI downloadUrl(String sha256, String fileName, Duration ttl, URI registryBase) {
    Digests.requireSha256(sha256);
    long expires = clock.instant().plus(ttl).getEpochSecond();
    return UriComponentsBuilder.fromUri(registryBase)
        .path("/blobs/{sha256}")
        .queryParam("name", fileName)
        .queryParam("expires", expires)
        .queryParam("sig", signer.sign(sha256, fileName, expires))
        .buildAndExpand(sha256)
        .toUri();
  }

  @Override
  public void delete(String sha256) throws IOException {
    Files.deleteIfExists(pathOf(sha256));
  }

  @Override
  public void forEach(Consumer<BlobInfo> visitor) throws IOException {
    try (Stream<Path> files = Files.walk(root.resolve("sha256"), 2)) {
      files
          .filter(p -> Digests.isSha256(p.getFileName().toString()))
          .forEach(
              p -> {
                try {
                  visitor.accept(info(p.getFileName().toString(), p));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static BlobInfo info(String sha256, Path p) throws IOException {
    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
    return new BlobInfo(sha256, a.size(), a.lastModifiedTime().toInstant());
  }
}
