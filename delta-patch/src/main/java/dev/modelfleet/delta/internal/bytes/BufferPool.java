package dev.modelfleet.delta.internal.bytes;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recycles large byte arrays (64 KiB to 8 MiB, in power-of-two sizes) between threads, keeping at
 * most {@code maxPooledBytes} idle. Without it a streaming apply allocates gigabytes of short-lived
 * multi-megabyte arrays, which small heaps pay for in full collections. Thread-safe.
 */
public final class BufferPool {
  private static final int MIN_SHIFT = 16;
  private static final int MAX_SHIFT = 23;

  private final Bin[] free;
  private final AtomicLong pooled = new AtomicLong();
  private final long maxPooledBytes;

  public BufferPool(long maxPooledBytes) {
    if (maxPooledBytes < 0) {
      throw new IllegalArgumentException("maxPooledBytes must be >= 0 but was " + maxPooledBytes);
    }
    this.maxPooledBytes = maxPooledBytes;
    free = new Bin[MAX_SHIFT + 1];
    for (int i = 0; i <= MAX_SHIFT; i++) {
      free[i] = new Bin();
    }
  }

  /** An array of at least {@code minLength} bytes (contents undefined). */
  public byte[] take(int minLength) {
    if (minLength < 0) {
      throw new IllegalArgumentException("minLength must be >= 0 but was " + minLength);
    }
    if (minLength > 1 << MAX_SHIFT) {
      return new byte[minLength];
    }
    int shift = Math.max(MIN_SHIFT, 32 - Integer.numberOfLeadingZeros(Math.max(1, minLength) - 1));
    byte[] b = free[shift].arrays.poll();
    if (b == null) {
      return new byte[1 << shift];
    }
    pooled.addAndGet(-b.length);
    return b;
  }

  /** Returns an array for reuse (arrays not made by {@link #take} are ignored). */
  public void give(byte[] b) {
    int len = b.length;
    if (Integer.bitCount(len) != 1) {
      return;
    }
    int shift = Integer.numberOfTrailingZeros(len);
    if (shift < MIN_SHIFT || shift > MAX_SHIFT) {
      return;
    }
    if (pooled.addAndGet(len) > maxPooledBytes) {
      pooled.addAndGet(-len);
      return;
    }
    free[shift].arrays.add(b);
  }

  /** Idle arrays of one size. */
  private static final class Bin {
    final ConcurrentLinkedQueue<byte[]> arrays = new ConcurrentLinkedQueue<>();
  }
}
