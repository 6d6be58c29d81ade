package dev.modelfleet.registry.delta;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code modelfleet.delta.*}.
 *
 * @param enabled compute patches at all
 * @param previousReleases patches are made from this many earlier releases' matching variants
 * @param threads encoder threads per job
 * @param maxAttempts a job that failed this often stays FAILED
 * @param pollInterval how often idle workers look for queued jobs
 * @param staleAfter a RUNNING job older than this is assumed dead (its replica crashed) and
 *     re-queued
 * @param scratchDir where patches are written before they become blobs ({@code <data-dir>/scratch})
 * @param directIo write patches and check applies in scratch with direct I/O where its file system
 *     offers it (ADR 0011); false for one that accepts {@code O_DIRECT} but fails its writes
 */
@ConfigurationProperties("modelfleet.delta")
record DeltaProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("3") int previousReleases,
    @DefaultValue("1") int threads,
    @DefaultValue("3") int maxAttempts,
    @DefaultValue("10s") Duration pollInterval,
    @DefaultValue("6h") Duration staleAfter,
    @Nullable Path scratchDir,
    @DefaultValue("true") boolean directIo) {}
