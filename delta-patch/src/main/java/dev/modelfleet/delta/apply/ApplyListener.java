package dev.modelfleet.delta.apply;

/**
 * Progress of one apply, for progress bars and metrics. Called on the thread that called {@link
 * PatchApplier#apply}; implementations must be quick and must not throw.
 */
public interface ApplyListener {

  /** Does nothing. */
  ApplyListener NONE = new ApplyListener() {};

  /** The patch header was read: what it turns into what. */
  default void started(long sourceSize, long targetSize) {}

  /** The source has the size and SHA-256 the patch was made from. */
  default void sourceVerified(long sourceSize) {}

  /** Another part of the target was written ({@code written} bytes in all). */
  default void progress(long written, long targetSize) {}
}
