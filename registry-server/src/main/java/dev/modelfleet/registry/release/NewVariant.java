package dev.modelfleet.registry.release;

import org.jspecify.annotations.Nullable;

/**
 * A verified upload, ready to become a variant. Built by the publish feature from the file itself.
 */
public record NewVariant(
    long modelId,
    String version,
    long profileId,
    String fileName,
    String sha256,
    long size,
    String quantType,
    String architecture,
    @Nullable Long contextLength,
    long parameterCount,
    long tensorCount,
    String signatureBundle,
    String signingKeyId,
    int preferenceRank) {}
