package dev.modelfleet.registry.delta;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A delta job as the API shows it.
 *
 * @param ratio patch size divided by the target's size, once done
 * @param durationMs how long the last attempt took, once finished
 */
public record DeltaJobView(
    long id,
    String model,
    String profile,
    String sourceRelease,
    String targetRelease,
    DeltaJobStatus status,
    int attempts,
    @Nullable String strategy,
    @Nullable String patchSha256,
    @Nullable Long patchSize,
    long targetSize,
    @Nullable Double ratio,
    @Nullable String error,
    Instant createdAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable Long durationMs) {}
