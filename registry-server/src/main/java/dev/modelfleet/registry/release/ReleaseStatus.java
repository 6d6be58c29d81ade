package dev.modelfleet.registry.release;

/** Lifecycle of a release. Revoked releases leave the signed targets, so devices drop them. */
public enum ReleaseStatus {
  ACTIVE,
  DEPRECATED,
  REVOKED
}
