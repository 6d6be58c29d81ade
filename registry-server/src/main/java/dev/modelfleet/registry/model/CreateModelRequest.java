package dev.modelfleet.registry.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A new model.
 *
 * @param publisherKeys PEM public keys (ECDSA P-256/P-384 or Ed25519) whose OMS signatures uploads
 *     must carry; at least one
 * @param targetsSigning who signs targets metadata; {@code ONLINE} when absent
 */
public record CreateModelRequest(
    @NotBlank String name,
    @Nullable @Size(max = 1000) String description,
    @Size(min = 1, max = 16) List<@NotBlank @Size(max = 10_000) String> publisherKeys,
    @Nullable TargetsSigning targetsSigning) {}
