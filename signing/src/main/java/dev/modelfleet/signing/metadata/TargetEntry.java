package dev.modelfleet.signing.metadata;

import dev.modelfleet.signing.internal.Hex;
import java.util.Objects;

/**
 * One downloadable file.
 *
 * @param name target path, e.g. {@code assistant/3/q4_k_m.gguf} (relative, no {@code ..})
 * @param length exact size in bytes
 * @param sha256 hex SHA-256 of the file
 * @param info what the file is
 */
public record TargetEntry(String name, long length, String sha256, TargetInfo info) {
  public TargetEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(info, "info");
    if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("..")) {
      throw new IllegalArgumentException("unsafe target name \"" + name + "\"");
    }
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative");
    }
    if (!Hex.isLowerHex(sha256, 32)) {
      throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
    }
  }
}
