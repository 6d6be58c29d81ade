package dev.modelfleet.registry.release;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One verified GGUF file of a release. Everything but {@code profile}, {@code fileName} and {@code
 * preferenceRank} was read from the uploaded file, never taken from the client.
 */
public record VariantView(
    String profile,
    String fileName,
    String sha256,
    long size,
    String quantType,
    String architecture,
    @Nullable Long contextLength,
    long parameterCount,
    long tensorCount,
    String signingKeyId,
    int preferenceRank,
    Instant createdAt) {}
