package dev.modelfleet.signing.metadata;

import java.time.Instant;

/** A signed metadata document. */
public sealed interface Metadata
    permits RootMetadata, TargetsMetadata, SnapshotMetadata, TimestampMetadata, Directive {

  Role role();

  /** After this instant the document must not be trusted. */
  Instant expires();
}
