package dev.modelfleet.registry.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "publisher_key")
class PublisherKey {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private @Nullable Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "model_id")
  private Model model;

  @Column(name = "key_id", nullable = false)
  private String keyId;

  @Column(nullable = false)
  private String algorithm;

  @Column(name = "public_key_pem", nullable = false)
  private String publicKeyPem;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "revoked_at")
  private @Nullable Instant revokedAt;

  @SuppressWarnings("NullAway.Init")
  protected PublisherKey() {}

  PublisherKey(Model model, String keyId, String algorithm, String pem, Instant createdAt) {
    this.model = model;
    this.keyId = keyId;
    this.algorithm = algorithm;
    this.publicKeyPem = pem;
    this.createdAt = createdAt;
  }

  String keyId() {
    return keyId;
  }

  String pem() {
    return publicKeyPem;
  }

  boolean active() {
    return revokedAt == null;
  }

  void revoke(Instant at) {
    if (revokedAt == null) {
      revokedAt = at;
    }
  }

  PublisherKeyView view() {
    return new PublisherKeyView(keyId, algorithm, publicKeyPem, createdAt, revokedAt);
  }
}
