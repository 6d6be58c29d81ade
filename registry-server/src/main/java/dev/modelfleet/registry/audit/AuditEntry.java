package dev.modelfleet.registry.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One audited action as the API shows it.
 *
 * @param before JSON of the state before the action (absent for creations)
 * @param after JSON of the state after the action (absent for deletions)
 */
public record AuditEntry(
    long id,
    Instant occurredAt,
    String actor,
    String action,
    String targetType,
    String target,
    @Nullable String before,
    @Nullable String after) {}
