package dev.modelfleet.registry.publish;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

/**
 * Opens (or, for an identical open session of the same caller with a declared sha256, resumes) an
 * upload of one variant file.
 *
 * @param release the release's version label; the release must exist
 * @param profile the hardware profile this variant is for
 * @param size exact file size in bytes
 * @param sha256 the file's SHA-256 (hex); checked on commit and lets a re-run resume
 * @param preferenceRank ordering among variants a device qualifies for (lower is preferred)
 */
public record CreateUploadRequest(
    @NotBlank String model,
    @NotBlank String release,
    @NotBlank String profile,
    @NotBlank String fileName,
    @Positive long size,
    @Nullable @Pattern(regexp = "[0-9a-f]{64}", message = "must be 64 lower-case hex digits")
        String sha256,
    @Nullable Integer preferenceRank) {}
