package dev.modelfleet.signing.hashing;

/** Progress of hashing; called from worker threads, so implementations must be thread-safe. */
@FunctionalInterface
public interface HashListener {
  /** Does nothing. */
  HashListener NONE = bytes -> {};

  /** {@code bytes} more bytes have been hashed. */
  void hashed(long bytes);
}
