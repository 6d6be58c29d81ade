package dev.modelfleet.signing.metadata;

import java.time.Instant;
import java.util.Objects;

/**
 * The server's instruction to one device: install {@code target} as part of {@code rolloutId}. The
 * device checks it names itself, echoes the nonce it sent with its check-in, is unexpired, and
 * names a target of the verified targets metadata.
 */
public record Directive(
    String deviceId, String target, String rolloutId, String nonce, Instant issued, Instant expires)
    implements Metadata {
  public Directive {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(rolloutId, "rolloutId");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(issued, "issued");
    Objects.requireNonNull(expires, "expires");
    if (deviceId.isEmpty() || nonce.isEmpty()) {
      throw new IllegalArgumentException("device id and nonce must not be empty");
    }
    if (expires.isBefore(issued)) {
      throw new IllegalArgumentException("directive expires before it is issued");
    }
  }

  @Override
  public Role role() {
    return Role.DIRECTIVE;
  }
}
