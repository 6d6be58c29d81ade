package dev.modelfleet.registry.release;

import org.jspecify.annotations.Nullable;

/**
 * A variant devices may install, with what its target entry needs.
 *
 * @param validationJson the release's validation spec as JSON, if it has one
 * @param signatureBundle the publisher's OMS bundle file text
 */
public record PublishedVariant(
    VariantRef variant, @Nullable String validationJson, String signatureBundle) {}
