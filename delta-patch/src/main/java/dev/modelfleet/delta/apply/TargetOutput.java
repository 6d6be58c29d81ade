package dev.modelfleet.delta.apply;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Where the target's bytes go: the temporary file, written sequentially. */
interface TargetOutput extends AutoCloseable {

  /** Writes all remaining bytes of {@code src}. */
  void write(ByteBuffer src) throws IOException;

  /**
   * Ends the writes: afterwards the file holds exactly the bytes written, though perhaps not yet on
   * stable storage.
   */
  default void complete() throws IOException {}

  /** Flushes to stable storage. */
  void force() throws IOException;

  @Override
  void close() throws IOException;

  /** Opens the temporary file. Tests substitute outputs that fail like a full disk. */
  interface Factory {
    TargetOutput open(Path temp) throws IOException;
  }

  Factory FILES = FileOutput::open;

  /** Files that are never flushed to the disk by the applier ({@code durable(false)}). */
  Factory UNSYNCED_FILES = FileOutput::openUnsynced;

  /** Files written with direct I/O where it is available, else {@code fallback}. */
  static Factory direct(Factory fallback) {
    return temp -> {
      TargetOutput d = DirectOutput.open(temp);
      return d != null ? d : fallback.open(temp);
    };
  }
}
