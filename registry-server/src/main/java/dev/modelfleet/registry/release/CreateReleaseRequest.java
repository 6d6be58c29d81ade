package dev.modelfleet.registry.release;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A new release.
 *
 * @param version semantic version label, unique per model
 * @param releaseNumber monotonic release number; the next free number when absent. Must be higher
 *     than every existing release's number.
 */
public record CreateReleaseRequest(
    @NotBlank String version,
    @Nullable @Positive Long releaseNumber,
    @Nullable @Size(max = 10_000) String notes,
    @Nullable @Valid Lineage lineage,
    @Nullable @Valid ValidationSpec validation) {}
