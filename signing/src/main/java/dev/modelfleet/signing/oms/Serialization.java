package dev.modelfleet.signing.oms;

import java.util.List;
import java.util.Objects;

/**
 * How the model was enumerated and hashed (the predicate's {@code serialization}).
 *
 * @param method {@code files} (one digest per file) or {@code shards} (one per byte range)
 * @param shardSize bytes per shard for {@code shards}, 0 for {@code files}
 * @param allowSymlinks whether symbolic links to regular files were followed
 * @param ignorePaths model-relative paths excluded from signing, as recorded in the bundle
 */
public record Serialization(
    Method method, long shardSize, boolean allowSymlinks, List<String> ignorePaths) {

  /** OMS serialization methods. */
  public enum Method {
    FILES("files"),
    SHARDS("shards");

    private final String id;

    Method(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /**
   * ModelFleet's default shard size, 256 MiB: a 4 GiB model becomes 16 shards that keep every core
   * busy to the end (the OMS specification suggests 10^9 bytes; see ADR 0003).
   */
  public static final long DEFAULT_SHARD_SIZE = 1L << 28;

  public Serialization {
    Objects.requireNonNull(method, "method");
    ignorePaths = List.copyOf(ignorePaths);
    if (method == Method.SHARDS && shardSize <= 0) {
      throw new IllegalArgumentException("shard size must be positive, got " + shardSize);
    }
    if (method == Method.FILES && shardSize != 0) {
      throw new IllegalArgumentException("files serialization has no shard size");
    }
  }

  /** Whole-file digests. */
  public static Serialization files() {
    return new Serialization(Method.FILES, 0, false, List.of());
  }

  /** Digests of {@code shardSize}-byte ranges, hashed in parallel. */
  public static Serialization shards(long shardSize) {
    return new Serialization(Method.SHARDS, shardSize, false, List.of());
  }
}
