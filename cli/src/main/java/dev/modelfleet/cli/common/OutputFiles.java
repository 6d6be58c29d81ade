package dev.modelfleet.cli.common;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How commands write files: never over an existing file unless told to, and through a temporary
 * file plus an atomic rename, so a crash or a full disk leaves either the old state or a complete
 * new file — never half of one.
 */
public final class OutputFiles {
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private OutputFiles() {}

  /** Fails with one sentence when {@code out} exists and {@code --force} was not given. */
  public static void refuseToOverwrite(Path out, boolean force) {
    if (Files.isDirectory(out)) {
      throw new CommandFailedException(out + " is a directory; give the path of a file");
    }
    if (!force && Files.exists(out)) {
      throw new CommandFailedException(out + " already exists (use --force to replace it)");
    }
  }

  /**
   * Writes {@code data} to {@code target} through a temporary file in the same directory, fsync and
   * an atomic rename. {@code secret} files (private keys) are readable by their owner only from the
   * moment they exist.
   */
  public static void writeAtomically(Path target, byte[] data, boolean secret, boolean overwrite)
      throws IOException {
    Path abs = target.toAbsolutePath();
    if (!overwrite && Files.exists(abs)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    Path tmp = temporarySibling(abs, secret);
    try {
      Files.write(tmp, data);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      if (!overwrite && Files.exists(abs)) {
        throw new FileAlreadyExistsException(target.toString());
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Creates an empty {@code .NAME.DIGITS.tmp} beside {@code abs}: owner-only from the moment it
   * exists when {@code secret}, else with the permissions any new file gets (not {@code
   * Files.createTempFile}'s owner-only mode, which the published file would keep).
   */
  private static Path temporarySibling(Path abs, boolean secret) throws IOException {
    Path dir = abs.getParent();
    if (dir == null) {
      throw new IOException("cannot write " + abs + ": it has no directory");
    }
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(
          dir.toString(), null, "no such directory to write " + abs.getFileName() + " in");
    }
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    while (true) {
      long n = ThreadLocalRandom.current().nextLong();
      Path tmp = dir.resolve("." + abs.getFileName() + "." + Long.toUnsignedString(n) + ".tmp");
      try {
        // Not a POSIX file system (Windows): the user's profile ACLs apply to secrets.
        return secret && posix ? Files.createFile(tmp, OWNER_ONLY) : Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        // taken: draw another name
      }
    }
  }
}
