package dev.modelfleet.registry.publish;

/** Upload session states. Only OPEN sessions accept bytes; COMMITTED is the only success. */
public enum UploadStatus {
  OPEN,
  VERIFYING,
  COMMITTED,
  FAILED,
  ABORTED,
  EXPIRED
}
