package dev.modelfleet.registry.publish;

import dev.modelfleet.registry.blob.Digests;
import dev.modelfleet.registry.error.ErrorCode;
import dev.modelfleet.registry.error.RegistryException;
import dev.modelfleet.registry.support.RegistryProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Staged upload bytes: {@code <staging>/<session id>.part}, appended in order. The file's length is
 * the durable offset a client resumes from. While chunks arrive in order this replica also keeps a
 * running SHA-256, so a commit right after the last chunk does not re-read the file.
 */
@Component
class StagingArea {
  private static final int BUFFER = 1 << 20;

  private final Path dir;
  private final Map<UUID, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final Map<UUID, RunningDigest> digests = new ConcurrentHashMap<>();

  StagingArea(UploadProperties upload, RegistryProperties registry) throws IOException {
    Path configured = upload.stagingDir();
    this.dir =
        (configured != null ? configured : registry.dataDir().resolve("staging"))
            .toAbsolutePath()
            .normalize();
    Files.createDirectories(dir);
  }

  /** SHA-256 of the bytes {@code [0, covered)} of one staged file. */
  private static final class RunningDigest {
    final MessageDigest sha = Digests.sha256();
    long covered;
  }

  Path path(UUID id) {
    return dir.resolve(id + ".part");
  }

  long size(UUID id) throws IOException {
    Path p = path(id);
    return Files.exists(p) ? Files.size(p) : 0;
  }

  long usableSpace() throws IOException {
    return Files.getFileStore(dir).getUsableSpace();
  }

  void create(UUID id) throws IOException {
    Files.deleteIfExists(path(id));
    Files.createFile(path(id));
    digests.put(id, new RunningDigest());
  }

  /**
   * Appends the body of one chunk at {@code offset}, which must be the staged length.
   *
   * @param limit the most bytes this chunk may bring (declared size minus offset)
   * @return the new length
   * @throws RegistryException {@code UPLOAD_OFFSET_MISMATCH}, {@code UPLOAD_TOO_LARGE} (the extra
   *     bytes are cut off again), {@code CONCURRENT_MODIFICATION} (another chunk is being written)
   */
  long append(UUID id, long offset, InputStream body, long limit) throws IOException {
    ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
    if (!lock.tryLock()) {
      throw new RegistryException(
          ErrorCode.CONCURRENT_MODIFICATION,
          "Another chunk of this upload is being written; send chunks one at a time.");
    }
    try (FileChannel ch = FileChannel.open(path(id), StandardOpenOption.WRITE)) {
      long size = ch.size();
      if (offset != size) {
        throw new RegistryException(
            ErrorCode.UPLOAD_OFFSET_MISMATCH,
            "This chunk starts at " + offset + " but the server has " + size + " bytes.",
            Map.of("expectedOffset", size));
      }
      RunningDigest digest = digests.get(id);
      if (digest != null && digest.covered != offset) {
        digest = null;
        digests.remove(id);
      }
      byte[] buffer = new byte[BUFFER];
      ByteBuffer wrap = ByteBuffer.wrap(buffer);
      long position = offset;
      long written = 0;
      int n;
      while ((n = body.read(buffer)) >= 0) {
        if (written + n > limit) {
          ch.truncate(offset);
          digests.remove(id);
          throw new RegistryException(
              ErrorCode.UPLOAD_TOO_LARGE,
              "The upload sends more bytes than the declared size.",
              Map.of("expectedOffset", offset));
        }
        wrap.clear().limit(n);
        while (wrap.hasRemaining()) {
          position += ch.write(wrap, position);
        }
        if (digest != null) {
          digest.sha.update(buffer, 0, n);
          digest.covered += n;
        }
        written += n;
      }
      return position;
    } catch (IOException e) {
      // A dropped connection or a full disk: what reached the file stays; the client resumes from
      // the file's length. The running digest may no longer match it.
      digests.remove(id);
      if (isDiskFull(e)) {
        throw new RegistryException(
            ErrorCode.STORAGE_FULL, "The registry's staging disk is full.", e);
      }
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /** The staged file's SHA-256: from the running digest when it covers the file, else read. */
  String sha256(UUID id) throws IOException {
    RunningDigest digest = digests.remove(id);
    long size = size(id);
    if (digest != null && digest.covered == size) {
      return HexFormat.of().formatHex(digest.sha.digest());
    }
    return Digests.sha256(path(id));
  }

  void fsync(UUID id) throws IOException {
    try (FileChannel ch = FileChannel.open(path(id), StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  void delete(UUID id) throws IOException {
    digests.remove(id);
    locks.remove(id);
    Files.deleteIfExists(path(id));
  }

  /** Session ids of every staged file (for the janitor). */
  Set<UUID> stagedIds() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".part"))
          .map(n -> parse(n.substring(0, n.length() - 5)))
          .flatMap(Optional::stream)
          .collect(Collectors.toSet());
    }
  }

  private static Optional<UUID> parse(String s) {
    try {
      return Optional.of(UUID.fromString(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static boolean isDiskFull(IOException e) {
    String m = e.getMessage();
    return m != null && (m.contains("No space left") || m.contains("Disk quota exceeded"));
  }
}
