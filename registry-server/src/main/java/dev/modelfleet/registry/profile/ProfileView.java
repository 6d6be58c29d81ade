package dev.modelfleet.registry.profile;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A hardware profile as the API shows it. */
public record ProfileView(
    String name,
    @Nullable String description,
    String arch,
    List<String> cpuFeatures,
    @Nullable Integer minRamMb,
    @Nullable String accelerator,
    @Nullable String os,
    @Nullable Integer minApiLevel,
    Instant createdAt) {}
