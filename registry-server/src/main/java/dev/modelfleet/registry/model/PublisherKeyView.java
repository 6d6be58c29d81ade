package dev.modelfleet.registry.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A registered publisher key.
 *
 * @param keyId hex SHA-256 of the key's DER SubjectPublicKeyInfo
 * @param algorithm {@code ecdsa-p256}, {@code ecdsa-p384} or {@code ed25519}
 * @param revokedAt when the key stopped being accepted for new uploads
 */
public record PublisherKeyView(
    String keyId,
    String algorithm,
    String publicKeyPem,
    Instant createdAt,
    @Nullable Instant revokedAt) {}
