package dev.modelfleet.registry.metadata;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The targets document a publisher must sign next (publisher-signed targets only). */
@Entity
@Table(name = "pending_targets")
class PendingTargets {
  @Id
  @Column(name = "model_id")
  private long modelId;

  @Column(nullable = false)
  private long version;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(nullable = false)
  private byte[] payload;

  @Column(nullable = false)
  private String fingerprint;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @SuppressWarnings("NullAway.Init")
  protected PendingTargets() {}

  PendingTargets(
      long modelId,
      long version,
      Instant expiresAt,
      byte[] payload,
      String fingerprint,
      Instant createdAt) {
    this.modelId = modelId;
    this.version = version;
    this.expiresAt = expiresAt;
    this.payload = payload.clone();
    this.fingerprint = fingerprint;
    this.createdAt = createdAt;
  }

  long version() {
    return version;
  }

  Instant expiresAt() {
    return expiresAt;
  }

  byte[] payload() {
    return payload.clone();
  }

  String fingerprint() {
    return fingerprint;
  }
}
