package dev.modelfleet.registry.release;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A channel and the release it points at (none after that release was revoked). */
public record ChannelView(
    String name, @Nullable String version, @Nullable Long releaseNumber, Instant updatedAt) {}
