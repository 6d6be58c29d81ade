package dev.modelfleet.cli.gguf;

import dev.modelfleet.cli.common.CommandFailedException;
import dev.modelfleet.gguf.GgufFile;
import dev.modelfleet.gguf.GgufFormatException;
import dev.modelfleet.gguf.GgufReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Shared helpers of the gguf commands. */
final class GgufFiles {
  private GgufFiles() {}

  static GgufFile readHeader(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new CommandFailedException(file + " is a directory, not a GGUF file");
    }
    try {
      return GgufReader.readHeader(file);
    } catch (GgufFormatException e) {
      throw new CommandFailedException(file + " is not a valid GGUF file: " + e.getMessage(), e);
    }
  }

  static String size(long bytes) {
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    } else if (bytes < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
  }

  static String summary(GgufFile f) {
    return String.format(
        Locale.ROOT,
        "%s, %s, %d tensors, %,d parameters",
        size(f.fileSize()),
        f.dominantType().map(Enum::name).orElse("no tensors"),
        f.tensors().size(),
        f.parameterCount());
  }
}
