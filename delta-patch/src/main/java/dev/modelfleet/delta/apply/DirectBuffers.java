package dev.modelfleet.delta.apply;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Recycles the direct buffers that copy ranges of the source pass through. Their number is bounded
 * by the bytes that may wait for the output digest, which releases them; thread-safe.
 */
final class DirectBuffers {
  private final int size;
  private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();

  DirectBuffers(int size) {
    this.size = size;
  }

  /** A buffer of {@code size} bytes (contents, position and limit undefined). */
  ByteBuffer take() {
    ByteBuffer b = free.poll();
    return b != null ? b : ByteBuffer.allocateDirect(size);
  }

  void give(ByteBuffer b) {
    free.add(b);
  }
}
