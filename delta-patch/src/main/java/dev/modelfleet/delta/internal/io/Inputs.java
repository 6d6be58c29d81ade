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

  private static void requireFile(Path file) throws FileSystemException {
    if (Files.isDirectory(file)) {
      throw new FileSystemException(file.toString(), null, "is a directory, not a file");
    }
  }
}
