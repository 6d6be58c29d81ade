package dev.modelfleet.delta.internal.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The temporary sibling ({@code .NAME.DIGITS.partial}) that an output is written to and then
 * renamed over its destination, locked for as long as its writer lives.
 *
 * <p>A writer that is killed (or loses power) leaves its partial file behind: gigabytes, for a
 * model on a phone. {@link #create} first removes every partial file of the same destination whose
 * lock it can take. The operating system drops a lock when its process dies, so a partial file that
 * nobody holds belongs to a writer that is gone; one that a live writer holds is left alone. Where
 * the file system has no locks, nothing is removed.
 *
 * <p>On Linux and macOS Java's file locks are POSIX record locks, and the kernel drops all of a
 * process's locks on a file as soon as the process closes <em>any</em> descriptor of it. Writers
 * that open the file through channels of their own therefore call {@link #holdLock} once those are
 * open (a probe may have opened and closed one), and {@link #publish} takes the lock again before
 * the rename. Two writers of one destination at the same moment can still make one of them fail;
 * neither can publish a wrong file.
 */
public final class Staging implements AutoCloseable {
  private static final String SUFFIX = ".partial";

  /**
   * Partial files that writers in this JVM hold: checking one would open and close a descriptor of
   * it, which drops its writer's lock (see above).
   */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path destination;
  private final Path file;
  private final FileChannel lockChannel;
  private @Nullable FileLock lock;
  private boolean published;

  private Staging(Path destination, Path file, FileChannel lockChannel) {
    this.destination = destination;
    this.file = file;
    this.lockChannel = lockChannel;
  }

  /**
   * Removes the partial files that dead writers of {@code destination} left, then creates and locks
   * an empty one.
   */
  public static Staging create(Path destination) throws IOException {
    Path dest = destination.toAbsolutePath();
    Path dir = directory(dest);
    if (Files.isDirectory(dest)) {
      // Found now, not by the rename after all the work.
      throw new FileSystemException(dest.toString(), null, "is a directory; name a file to write");
    }
    removeStale(dest);
    String prefix = prefix(dest);
    // Not Files.createTempFile: its owner-only mode would stay with the published file, and an
    // update would lock other readers (an inference service running as another user) out of the
    // model. A new file gets the umask's permissions, then the destination's where it exists.
    while (true) {
      long n = ThreadLocalRandom.current().nextLong();
      Path file = dir.resolve(prefix + Long.toUnsignedString(n) + SUFFIX);
      FileChannel channel;
      try {
        // CREATE_NEW (O_EXCL) never follows a link planted under the name.
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        continue; // taken: draw another name
      }
      Staging s = new Staging(dest, file, channel);
      HELD.add(file);
      s.lock = tryLock(channel);
      copyPermissions(dest, file);
      return s;
    }
  }

  private static void copyPermissions(Path from, Path to) {
    try {
      Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
    } catch (IOException | UnsupportedOperationException e) {
      // No destination yet, or not a POSIX file system: the new file's defaults stay.
    }
  }

  /**
   * Removes the partial files of {@code destination} that no live writer holds.
   *
   * @return how many were removed
   */
  public static int removeStale(Path destination) throws IOException {
    Path dest = destination.toAbsolutePath();
    // Exactly NAME's partials: DIGITS has no dot, so "model.gguf.v2"'s are not "model.gguf"'s.
    Pattern ours = Pattern.compile(Pattern.quote(prefix(dest)) + "[0-9]+" + Pattern.quote(SUFFIX));
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory(dest))) {
      for (Path f : files) {
        Path abs = f.toAbsolutePath();
        if (ours.matcher(f.getFileName().toString()).matches()
            && !HELD.contains(abs)
            && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
            && removeIfUnheld(abs)) {
          removed++;
        }
      }
    }
    return removed;
  }

  private static boolean removeIfUnheld(Path f) {
    // Writable (an exclusive lock needs it), and never through a link planted under this name.
    try (FileChannel ch =
        FileChannel.open(f, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      FileLock l = ch.tryLock();
      if (l == null) {
        return false; // another process writes it
      }
      // Deleted while locked: a writer starting now cannot take it over in between.
      Files.delete(f);
      return true;
    } catch (IOException | OverlappingFileLockException e) {
      // Gone already, not ours to open, or a file system without locks: leave it.
      return false;
    }
  }

  /** The partial file. */
  public Path file() {
    return file;
  }

  /**
   * Takes the lock again. Call it after opening (or failing to open) other channels on {@link
   * #file}: on POSIX systems closing any of them dropped it.
   */
  public void holdLock() {
    FileLock l = lock;
    if (l == null) {
      return;
    }
    try {
      l.release();
    } catch (IOException e) {
      // the kernel may have dropped it already; taking it again below is what matters
    }
    lock = tryLock(lockChannel);
  }

  /** Renames the partial file over the destination, atomically where the file system can. */
  public void publish() throws IOException {
    holdLock();
    try {
      try {
        Files.move(
            file, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(file, destination, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (NoSuchFileException e) {
      if (!Files.exists(file)) {
        throw new IOException(
            "the temporary file "
                + file
                + " was removed before it could become "
                + destination
                + " (was another process writing the same file?)",
            e);
      }
      throw e;
    }
    published = true;
  }

  /** Deletes the partial file unless it was published, and releases the lock. */
  @Override
  public void close() throws IOException {
    try {
      if (!published) {
        Files.deleteIfExists(file);
      }
    } finally {
      HELD.remove(file);
      lockChannel.close();
    }
  }

  private static @Nullable FileLock tryLock(FileChannel channel) {
    try {
      return channel.tryLock();
    } catch (IOException | OverlappingFileLockException e) {
      // No locks on this file system: the file is written unlocked, and nothing is swept there.
      return null;
    }
  }

  private static String prefix(Path destination) {
    Path name = destination.getFileName();
    if (name == null) {
      throw new IllegalArgumentException(destination + " is not a file name");
    }
    return "." + name + ".";
  }

  private static Path directory(Path destination) throws IOException {
    Path dir = destination.getParent();
    if (dir == null) {
      throw new IOException("cannot write " + destination + ": it has no directory");
    }
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(
          dir.toString(), null, "no such directory to write " + destination.getFileName() + " in");
    }
    return dir;
  }
}
