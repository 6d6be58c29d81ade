package dev.modelfleet.registry.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "audit_event")
class AuditEvent {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private @Nullable Long id;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  @Column(nullable = false)
  private String actor;

  @Column(nullable = false)
  private String action;

  @Column(name = "target_type", nullable = false)
  private String targetType;

  @Column(nullable = false)
  private String target;

  @Column(name = "before_state")
  private @Nullable String before;

  @Column(name = "after_state")
  private @Nullable String after;

  @SuppressWarnings("NullAway.Init")
  protected AuditEvent() {}

  AuditEvent(
      Instant occurredAt,
      String actor,
      String action,
      String targetType,
      String target,
      @Nullable String before,
      @Nullable String after) {
    this.occurredAt = occurredAt;
    this.actor = actor;
    this.action = action;
    this.targetType = targetType;
    this.target = target;
    this.before = before;
    this.after = after;
  }

  AuditEntry toEntry() {
    return new AuditEntry(
        id == null ? 0 : id, occurredAt, actor, action, targetType, target, before, after);
  }
}
