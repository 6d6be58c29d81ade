package dev.modelfleet.registry.delta;

/** Delta job states. */
public enum DeltaJobStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED
}
