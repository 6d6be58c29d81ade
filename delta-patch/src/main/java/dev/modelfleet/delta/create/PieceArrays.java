package dev.modelfleet.delta.create;

import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The arrays that hold tensor pieces from the planner's read to the end of their task. There are at
 * most {@code max} of them, so reading ahead cannot outrun the workers by more than that: an
 * unbounded read-ahead held the whole queue's pieces and raised a 1 GiB encode's RSS by about 45
 * MB. The planner's thread takes (waiting for a free array when all are out), workers give back.
 */
final class PieceArrays {
  private final BlockingQueue<byte[]> free;
  private final int length;
  private final int max;
  private int made;

  /** Up to {@code max} arrays of at most {@code length} bytes, made as they are first needed. */
  PieceArrays(int max, int length) {
    this.free = new ArrayBlockingQueue<>(max);
    this.length = length;
    this.max = max;
  }

  /**
   * A free array of at least {@code n} bytes. Only the planner's thread takes. Arrays are made as
   * long as the piece that needs them, not {@code length}: a piece of whole blocks is a little
   * under 1 MiB, an array of 1 MiB is not, and the garbage collector gives such arrays whole
   * regions of 1 MiB under a 256 MB heap, so one byte over takes two.
   */
  byte[] take(int n) throws InterruptedIOException {
    if (n > length) {
      throw new IllegalArgumentException("a piece of " + n + " bytes is over " + length);
    }
    byte[] b = free.poll();
    if (b == null && made < max) {
      made++;
      return new byte[n];
    }
    if (b == null) {
      try {
        b = free.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while encoding");
      }
    }
    return b.length >= n ? b : new byte[n];
  }

  /** Returns an array that {@link #take} gave out. Any thread. */
  void give(byte[] b) {
    free.add(b);
  }
}
