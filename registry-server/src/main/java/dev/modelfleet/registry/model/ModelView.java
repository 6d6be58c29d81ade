package dev.modelfleet.registry.model;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A model as the API shows it. */
public record ModelView(
    String name,
    @Nullable String description,
    TargetsSigning targetsSigning,
    List<PublisherKeyView> publisherKeys,
    Instant createdAt) {}
