package dev.modelfleet.gguf.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes a file through a temporary sibling and renames it into place when complete. */
final class AtomicFile {
  interface Body<T> {
    T write(OutputStream out) throws IOException;
  }

  private AtomicFile() {}

  /**
   * Creates an empty {@code .NAME.PID.THREAD.NANOS.partial} beside the target. Not {@code
   * Files.createTempFile}: that makes the file owner-only, and the model would keep that mode.
   */
  private static Path temporarySibling(Path abs) throws IOException {
    Path parent = abs.getParent();
    Path dir = parent == null ? Path.of(".") : parent;
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(
          dir.toString(), null, "no such directory to write " + abs.getFileName() + " in");
    }
    long pid = ProcessHandle.current().pid();
    while (true) {
      Path tmp =
          dir.resolve(
              "."
                  + abs.getFileName()
                  + "."
                  + pid
                  + "."
                  + Thread.currentThread().getId()
                  + "."
                  + System.nanoTime()
                  + ".partial");
      try {
        Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return tmp;
      } catch (FileAlreadyExistsException e) {
        // a leftover of an earlier process with the same pid: try the next name
      }
    }
  }

  static <T> T write(Path target, Body<T> body) throws IOException {
    Path abs = target.toAbsolutePath();
    Path tmp = temporarySibling(abs);
    boolean ok = false;
    try {
      T result;
      try (OutputStream out =
          new BufferedOutputStream(
              Files.newOutputStream(
                  tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
              // Smaller than a data chunk, so chunks bypass the buffer instead of being copied.
              1 << 16)) {
        result = body.write(out);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      ok = true;
      return result;
    } catch (ClosedByInterruptException | InterruptedIOException e) {
      // Interrupted (a cancel, or Ctrl-C in the CLI): in a file write, which says nothing itself,
      // or while waiting for a chunk.
      InterruptedIOException cancelled =
          new InterruptedIOException("writing " + abs + " was interrupted; that file is unchanged");
      cancelled.initCause(e);
      throw cancelled;
    } finally {
      if (!ok) {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
