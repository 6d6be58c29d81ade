package dev.modelfleet.signing.metadata;

import java.time.Instant;
import java.util.Objects;

/** Pins the one targets file that belongs to this moment of the repository. */
public record SnapshotMetadata(long version, Instant expires, MetaFile targets)
    implements Metadata {
  public SnapshotMetadata {
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, got " + version);
    }
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(targets, "targets");
  }

  @Override
  public Role role() {
    return Role.SNAPSHOT;
  }
}
