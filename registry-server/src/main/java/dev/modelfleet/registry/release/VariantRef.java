package dev.modelfleet.registry.release;

/** A stored variant, for background work (delta jobs, metadata). */
public record VariantRef(
    long id,
    long modelId,
    long releaseNumber,
    String version,
    long profileId,
    String profile,
    String fileName,
    String sha256,
    long size,
    String quantType,
    ReleaseStatus status) {}
