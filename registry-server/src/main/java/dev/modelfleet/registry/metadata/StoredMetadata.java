package dev.modelfleet.registry.metadata;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

@Entity
@Table(name = "repository_metadata")
class StoredMetadata {
  @Embeddable
  record Key(
      @Column(name = "model_id") long modelId,
      @Column(name = "role") String role,
      @Column(name = "version") long version)
      implements Serializable {}

  @EmbeddedId private Key key;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(nullable = false)
  private byte[] content;

  @Column(nullable = false)
  private String sha256;

  @Column(nullable = false)
  private String fingerprint;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @SuppressWarnings("NullAway.Init")
  protected StoredMetadata() {}

  StoredMetadata(
      Key key,
      Instant expiresAt,
      byte[] content,
      String sha256,
      String fingerprint,
      Instant createdAt) {
    this.key = key;
    this.expiresAt = expiresAt;
    this.content = content.clone();
    this.sha256 = sha256;
    this.fingerprint = fingerprint;
    this.createdAt = createdAt;
  }

  long version() {
    return key.version();
  }

  Instant expiresAt() {
    return expiresAt;
  }

  byte[] content() {
    return content.clone();
  }

  String sha256() {
    return sha256;
  }

  String fingerprint() {
    return fingerprint;
  }
}
