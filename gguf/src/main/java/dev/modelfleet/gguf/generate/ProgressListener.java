package dev.modelfleet.gguf.generate;

/** Receives progress while a model file is written. Called on the writing thread. */
@FunctionalInterface
public interface ProgressListener {
  /** Does nothing. */
  ProgressListener NONE = (done, total) -> {};

  /**
   * @param bytesWritten tensor data bytes written so far
   * @param bytesTotal tensor data bytes the file will hold
   */
  void onProgress(long bytesWritten, long bytesTotal);
}
