package dev.modelfleet.signing.metadata;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** The files a device may install, signed by the targets role (possibly a publisher's keys). */
public record TargetsMetadata(long version, Instant expires, Map<String, TargetEntry> targets)
    implements Metadata {
  public TargetsMetadata {
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, got " + version);
    }
    Objects.requireNonNull(expires, "expires");
    for (Map.Entry<String, TargetEntry> e : targets.entrySet()) {
      if (!e.getKey().equals(e.getValue().name())) {
        throw new IllegalArgumentException("target key " + e.getKey() + " differs from its name");
      }
    }
    targets = Map.copyOf(new TreeMap<>(targets));
  }

  @Override
  public Role role() {
    return Role.TARGETS;
  }

  public Optional<TargetEntry> find(String name) {
    return Optional.ofNullable(targets.get(name));
  }
}
