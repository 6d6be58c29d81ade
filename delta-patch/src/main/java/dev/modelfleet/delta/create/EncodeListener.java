package dev.modelfleet.delta.create;

/**
 * Progress of one encode. Called on the thread that called {@link PatchEncoder#encode};
 * implementations must be quick and must not throw.
 */
public interface EncodeListener {

  /** Does nothing. */
  EncodeListener NONE = new EncodeListener() {};

  /** Encoding started with this strategy ({@code "gguf"} or {@code "generic"}). */
  default void started(String strategy, long sourceSize, long targetSize) {}

  /** Patch sections for the first {@code done} target bytes are written. */
  default void progress(long done, long targetSize) {}
}
