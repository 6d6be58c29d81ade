package dev.modelfleet.registry.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "user_account")
class UserAccount {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private @Nullable Long id;

  @Column(nullable = false, unique = true)
  private String username;

  @Column(name = "password_hash", nullable = false)
  private String passwordHash;

  @Column(nullable = false)
  private String roles;

  @Column(nullable = false)
  private boolean enabled;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Version private long version;

  @SuppressWarnings("NullAway.Init")
  protected UserAccount() {}

  UserAccount(String username, String passwordHash, Set<Role> roles, Instant createdAt) {
    this.username = username;
    this.passwordHash = passwordHash;
    this.roles = Role.join(roles);
    this.enabled = true;
    this.createdAt = createdAt;
  }

  long id() {
    if (id == null) {
      throw new IllegalStateException("user not saved yet");
    }
    return id;
  }

  String username() {
    return username;
  }

  String passwordHash() {
    return passwordHash;
  }

  Set<Role> roles() {
    return Role.parse(roles);
  }

  boolean enabled() {
    return enabled;
  }

  Instant createdAt() {
    return createdAt;
  }

  void disable() {
    this.enabled = false;
  }

  void changePassword(String passwordHash) {
    this.passwordHash = passwordHash;
  }
}
