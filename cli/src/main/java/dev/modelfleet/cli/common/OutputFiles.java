package dev.modelfleet.cli.common;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * How commands write files: never over an existing file unless told to, and through a temporary
 * file plus an atomic rename, so a crash or a full disk leaves either the old state or a complete
 * new file — never half of one.
 */
public final class OutputFiles {
  private OutputFiles() {}

  /** Fails with one sentence when {@code out} exists and {@code --force} was not given. */
  public static void refuseToOverwrite(Path out, boolean force) {
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
    Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
    try {
      if (secret) {
        ownerOnly(tmp);
      }
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

  private static void ownerOnly(Path file) throws IOException {
    try {
      Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
      Files.setPosixFilePermissions(file, owner);
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): the user's profile ACLs apply.
    }
  }
}
