package dev.modelfleet.signing.metadata;

import dev.modelfleet.signing.internal.Hex;
import dev.modelfleet.signing.internal.Sha;

/**
 * What snapshot says about targets, and timestamp about snapshot: the version and the exact
 * envelope file (length and SHA-256).
 */
public record MetaFile(long version, long length, String sha256) {
  public MetaFile {
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, got " + version);
    }
    if (length < 1) {
      throw new IllegalArgumentException("length must be positive, got " + length);
    }
    if (!Hex.isLowerHex(sha256, 32)) {
      throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
    }
  }

  /** Describes a signed envelope file of metadata version {@code version}. */
  public static MetaFile of(long version, byte[] envelope) {
    return new MetaFile(version, envelope.length, Sha.sha256Hex(envelope));
  }
}
