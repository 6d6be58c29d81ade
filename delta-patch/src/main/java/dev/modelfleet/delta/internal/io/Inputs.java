package dev.modelfleet.delta.internal.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens the files an apply, encode or inspect reads. A directory opens for reading on Linux, and
 * then its first read fails with a bare "Is a directory", or its size (4096) is compared with the
 * patch's: say which path is wrong instead.
 */
public final class Inputs {
  private Inputs() {}

  public static FileChannel channel(Path file) throws IOException {
    requireFile(file);
    return FileChannel.open(file, StandardOpenOption.READ);
  }

  public static InputStream stream(Path file) throws IOException {
    requireFile(file);
    return Files.newInputStream(file);
  }

  /**
   * Fails unless writing {@code output} leaves {@code input} alone: the same file under another
   * name (a link, a relative path) counts. An encode whose patch would replace its target, or an
   * apply whose target would replace its patch, destroys what it reads. (An apply in place, whose
   * target replaces its source, is allowed: the source is read until the rename.)
   *
   * @param role what {@code input} is, for the message ("the target", "the patch")
   */
  public static void requireNotReplaced(Path output, Path input, String role) throws IOException {
    if (Files.exists(output) && Files.exists(input) && Files.isSameFile(output, input)) {
      throw new FileSystemException(
          output.toString(), null, "is " + role + " itself; writing there would destroy it");
    }
  }

  private static void requireFile(Path file) throws FileSystemException {
    if (Files.isDirectory(file)) {
      throw new FileSystemException(file.toString(), null, "is a directory, not a file");
    }
  }
}
