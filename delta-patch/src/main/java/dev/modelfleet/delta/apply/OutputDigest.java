package dev.modelfleet.delta.apply;

import dev.modelfleet.delta.Sha256;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * The target's SHA-256, computed on a thread of its own so that hashing overlaps reading and
 * writing. Bytes are hashed in the order they are handed over; each piece's {@code release} runs
 * once it is hashed (to recycle its buffer). At most {@code maxPendingBytes} wait, which bounds the
 * memory held.
 */
final class OutputDigest implements AutoCloseable {
  /** The end of the stream (the only item with a negative length). */
  private static final Item END = new Item(new byte[0], 0, -1, null, null);

  /** Bytes to hash: {@code bytes[off, off+len)}, or all remaining bytes of {@code buffer}. */
  private record Item(
      byte[] bytes, int off, int len, @Nullable ByteBuffer buffer, @Nullable Runnable release) {}

  private static final byte[] EMPTY = new byte[0];

  private final MessageDigest md = Sha256.newDigest();
  private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(64);
  private final Semaphore room;
  private final int maxPending;
  private final Thread thread;
  private volatile @Nullable Throwable failure;

  OutputDigest(int maxPendingBytes) {
    this.maxPending = maxPendingBytes;
    this.room = new Semaphore(maxPendingBytes);
    this.thread = new Thread(this::run, "modelfleet-delta-output-digest");
    thread.setDaemon(true);
    thread.start();
  }

  /** Hashes {@code bytes[off, off+len)} after everything handed over before. */
  void update(byte[] bytes, int off, int len, @Nullable Runnable release) throws IOException {
    put(new Item(bytes, off, len, null, release));
  }

  /**
   * Hashes the remaining bytes of {@code buffer} (a direct buffer the caller has just written:
   * hashing it needs no copy to the heap) after everything handed over before.
   */
  void update(ByteBuffer buffer, @Nullable Runnable release) throws IOException {
    put(new Item(EMPTY, 0, buffer.remaining(), buffer, release));
  }

  private void put(Item item) throws IOException {
    int permits = Math.min(item.len(), maxPending);
    try {
      room.acquire(permits);
      queue.put(item);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing the target");
    }
  }

  /** Waits for everything handed over and returns the digest. */
  Sha256 finish() throws IOException {
    try {
      queue.put(END);
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing the target");
    }
    Throwable f = failure;
    if (f != null) {
      throw new IOException("hashing the target failed", f);
    }
    return Sha256.of(md.digest());
  }

  @Override
  public void close() {
    thread.interrupt();
  }

  private void run() {
    try {
      while (true) {
        Item item = queue.take();
        if (item.len() < 0) {
          return;
        }
        ByteBuffer buffer = item.buffer();
        if (buffer != null) {
          md.update(buffer);
        } else {
          md.update(item.bytes(), item.off(), item.len());
        }
        Runnable release = item.release();
        if (release != null) {
          release.run();
        }
        room.release(Math.min(item.len(), maxPending));
      }
    } catch (InterruptedException e) {
      // Closed after a failure: nobody waits for the digest.
    } catch (RuntimeException | Error e) {
      failure = e;
    }
  }
}
