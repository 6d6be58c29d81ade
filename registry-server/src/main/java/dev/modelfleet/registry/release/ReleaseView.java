package dev.modelfleet.registry.release;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A release as the API shows it. */
public record ReleaseView(
    String model,
    long releaseNumber,
    String version,
    @Nullable String notes,
    Lineage lineage,
    @Nullable ValidationSpec validation,
    ReleaseStatus status,
    Instant createdAt,
    String createdBy,
    @Nullable Instant deprecatedAt,
    @Nullable Instant revokedAt,
    @Nullable String revocationReason,
    List<VariantView> variants) {}
