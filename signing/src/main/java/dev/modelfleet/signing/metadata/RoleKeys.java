package dev.modelfleet.signing.metadata;

import java.util.HashSet;
import java.util.List;

/**
 * The keys allowed to sign a role and how many distinct ones must.
 *
 * @param keyIds key ids (hex SHA-256 of the SPKI DER), no duplicates
 * @param threshold distinct valid signatures required, 1 to {@code keyIds.size()}
 */
public record RoleKeys(List<String> keyIds, int threshold) {
  public RoleKeys {
    keyIds = List.copyOf(keyIds);
    if (new HashSet<>(keyIds).size() != keyIds.size()) {
      throw new IllegalArgumentException("duplicate key id in role");
    }
    if (threshold < 1 || threshold > keyIds.size()) {
      throw new IllegalArgumentException(
          "threshold " + threshold + " must be between 1 and " + keyIds.size());
    }
  }
}
