package dev.modelfleet.delta.apply;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * The temporary target file. Every {@link #FLUSH_EVERY} bytes it starts flushing what was written
 * so far on a background thread, so that the disk writes while the applier computes and the final
 * {@link #force} only waits for the tail: flushing a whole model at the end took about a fifth of
 * an apply's time. A background flush that fails fails the next write or the final force.
 */
final class FileOutput implements TargetOutput {
  static final long FLUSH_EVERY = 64L << 20;

  /** Flushes the file's data ({@code false}) or data and metadata ({@code true}) to the disk. */
  interface Sync {
    void force(boolean metadata) throws IOException;
  }

  private final FileChannel channel;
  private final Sync sync;
  private final long flushEvery;
  private long unflushed;
  private int flushes;
  private @Nullable Thread flusher;
  private volatile @Nullable IOException flushFailure;

  FileOutput(FileChannel channel, @Nullable Sync sync, long flushEvery) {
    this.channel = channel;
    this.sync = sync == null ? channel::force : sync;
    this.flushEvery = flushEvery;
  }

  static FileOutput open(Path temp) throws IOException {
    return new FileOutput(FileChannel.open(temp, StandardOpenOption.WRITE), null, FLUSH_EVERY);
  }

  /** A file that is never flushed: no background flushes, and {@link #force} does nothing. */
  static FileOutput openUnsynced(Path temp) throws IOException {
    return new FileOutput(
        FileChannel.open(temp, StandardOpenOption.WRITE), metadata -> {}, Long.MAX_VALUE);
  }

  /** Background flushes started so far. */
  int flushes() {
    return flushes;
  }

  @Override
  public void write(ByteBuffer src) throws IOException {
    checkFlushes();
    while (src.hasRemaining()) {
      unflushed += channel.write(src);
    }
    if (unflushed >= flushEvery && !flushing()) {
      unflushed = 0;
      flushes++;
      Thread t = new Thread(this::flushWritten, "modelfleet-delta-flush");
      t.setDaemon(true);
      flusher = t;
      t.start();
    }
  }

  @Override
  public void force() throws IOException {
    awaitFlusher();
    checkFlushes();
    sync.force(true);
  }

  @Override
  public void close() throws IOException {
    // Not interrupted: interrupting a thread in FileChannel.force would close the channel under it.
    awaitFlusher();
    channel.close();
  }

  private boolean flushing() {
    Thread t = flusher;
    return t != null && t.isAlive();
  }

  private void flushWritten() {
    try {
      sync.force(false);
    } catch (IOException e) {
      flushFailure = e;
    }
  }

  private void checkFlushes() throws IOException {
    IOException e = flushFailure;
    if (e != null) {
      throw new IOException("writing the target to disk failed: " + e.getMessage(), e);
    }
  }

  private void awaitFlusher() throws IOException {
    Thread t = flusher;
    if (t == null) {
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
