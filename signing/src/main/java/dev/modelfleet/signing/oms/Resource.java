package dev.modelfleet.signing.oms;

import java.util.Objects;

/**
 * One signed file or shard: {@code name} is a relative POSIX path, or {@code path:start:end} for
 * shards; {@code digest} is lowercase hex.
 */
public record Resource(String name, String algorithm, String digest) {
  public Resource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(digest, "digest");
  }
}
