package dev.modelfleet.gguf.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file through a temporary sibling and renames it into place when complete. */
final class AtomicFile {
  interface Body<T> {
    T write(OutputStream out) throws IOException;
  }

  private AtomicFile() {}

  static <T> T write(Path target, Body<T> body) throws IOException {
    Path abs = target.toAbsolutePath();
    Path parent = abs.getParent();
    Path tmp =
        Files.createTempFile(
            parent == null ? Path.of(".") : parent, "." + abs.getFileName() + ".", ".partial");
    boolean ok = false;
    try {
      T result;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
        result = body.write(out);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      ok = true;
      return result;
    } finally {
      if (!ok) {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
