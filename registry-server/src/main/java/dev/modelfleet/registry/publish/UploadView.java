package dev.modelfleet.registry.publish;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An upload session.
 *
 * @param offset bytes received so far: the next chunk starts here
 * @param recommendedChunkSize what the server suggests per PUT
 * @param failureCode the error code that refused the upload, when FAILED
 */
public record UploadView(
    UUID id,
    String model,
    String release,
    String profile,
    String fileName,
    long size,
    @Nullable String sha256,
    long offset,
    UploadStatus status,
    Instant expiresAt,
    long recommendedChunkSize,
    @Nullable String failureCode,
    @Nullable String failureDetail) {}
