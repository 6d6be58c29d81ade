package dev.modelfleet.registry.audit;

import dev.modelfleet.registry.support.CurrentActor;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records mutating actions. {@link #record} joins the caller's transaction (it is mandatory), so an
 * action and its audit entry commit or roll back together.
 */
@Service
public class AuditLog {
  private final AuditEventRepository events;
  private final JsonMapper json;
  private final Clock clock;

  AuditLog(AuditEventRepository events, JsonMapper json, Clock clock) {
    this.events = events;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Records that the current caller did {@code action} to {@code targetType/target}.
   *
   * @param before the state before (serialized to JSON), or null for a creation
   * @param after the state after (serialized to JSON), or null for a deletion
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void record(
      String action,
      String targetType,
      String target,
      @Nullable Object before,
      @Nullable Object after) {
    events.save(
        new AuditEvent(
            clock.instant(),
            CurrentActor.name(),
            action,
            targetType,
            target,
            before == null ? null : json.writeValueAsString(before),
            after == null ? null : json.writeValueAsString(after)));
  }

  /** Newest first; {@code targetType} and {@code target} narrow the search when given. */
  @PreAuthorize("hasRole('ADMIN')")
  @Transactional(readOnly = true)
  public List<AuditEntry> search(
      @Nullable String targetType, @Nullable String target, int page, int size) {
    PageRequest request = PageRequest.of(page, size);
    var result =
        targetType == null
            ? events.findAllByOrderByIdDesc(request)
            : target == null
                ? events.findByTargetTypeOrderByIdDesc(targetType, request)
                : events.findByTargetTypeAndTargetOrderByIdDesc(targetType, target, request);
    return result.map(AuditEvent::toEntry).getContent();
  }
}
