package dev.modelfleet.registry.security;

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
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A bearer token: only the SHA-256 of the secret is stored. */
@Entity
@Table(name = "api_token")
class ApiToken {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private @Nullable Long id;

  @Column(nullable = false)
  private String name;

  @Column(name = "token_hash", nullable = false, unique = true)
  private String tokenHash;

  @ManyToOne(fetch = FetchType.EAGER, optional = false)
  @JoinColumn(name = "user_id")
  private UserAccount user;

  @Column(nullable = false)
  private String roles;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at")
  private @Nullable Instant expiresAt;

  @Column(name = "revoked_at")
  private @Nullable Instant revokedAt;

  @SuppressWarnings("NullAway.Init")
  protected ApiToken() {}

  ApiToken(
      String name,
      String tokenHash,
      UserAccount user,
      Set<Role> roles,
      Instant createdAt,
      @Nullable Instant expiresAt) {
    this.name = name;
    this.tokenHash = tokenHash;
    this.user = user;
    this.roles = Role.join(roles);
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  long id() {
    if (id == null) {
      throw new IllegalStateException("token not saved yet");
    }
    return id;
  }

  String name() {
    return name;
  }

  UserAccount user() {
    return user;
  }

  Set<Role> roles() {
    return Role.parse(roles);
  }

  Instant createdAt() {
    return createdAt;
  }

  @Nullable Instant expiresAt() {
    return expiresAt;
  }

  @Nullable Instant revokedAt() {
    return revokedAt;
  }

  boolean usableAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt)) && user.enabled();
  }

  void revoke(Instant at) {
    if (revokedAt == null) {
      revokedAt = at;
    }
  }
}
