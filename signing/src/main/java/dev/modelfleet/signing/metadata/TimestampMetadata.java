package dev.modelfleet.signing.metadata;

import java.time.Instant;
import java.util.Objects;

/** Short-lived pointer to the current snapshot: what makes freezing a device detectable. */
public record TimestampMetadata(long version, Instant expires, MetaFile snapshot)
    implements Metadata {
  public TimestampMetadata {
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, got " + version);
    }
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(snapshot, "snapshot");
  }

  @Override
  public Role role() {
    return Role.TIMESTAMP;
  }
}
