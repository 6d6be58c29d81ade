package dev.modelfleet.signing;

import java.util.Locale;
import java.util.Optional;

/** The signature algorithms ModelFleet signs and verifies with. */
public enum KeyAlgorithm {
  /** ECDSA on NIST P-256 with SHA-256, DER-encoded signatures (OMS {@code key} method). */
  ECDSA_P256("ecdsa-p256", "P-256"),
  /** ECDSA on NIST P-384 with SHA-384, DER-encoded signatures (OMS {@code key} method). */
  ECDSA_P384("ecdsa-p384", "P-384"),
  /** Ed25519 (RFC 8032), 64-byte signatures; used for repository metadata. */
  ED25519("ed25519", "Ed25519");

  private final String id;
  private final String curve;

  KeyAlgorithm(String id, String curve) {
    this.id = id;
    this.curve = curve;
  }

  /** The identifier used on the command line and in metadata ({@code ecdsa-p256}, …). */
  public String id() {
    return id;
  }

  /** The curve name (P-256, P-384, Ed25519). */
  public String curve() {
    return curve;
  }

  /** The algorithm with identifier {@code id} (case-insensitive), if there is one. */
  public static Optional<KeyAlgorithm> fromId(String id) {
    String wanted = id.toLowerCase(Locale.ROOT);
    for (KeyAlgorithm a : values()) {
      if (a.id.equals(wanted)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return id;
  }
}
