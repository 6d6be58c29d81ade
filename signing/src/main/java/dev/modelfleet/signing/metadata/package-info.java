/**
 * TUF/Uptane-style repository metadata, specified in {@code docs/formats/metadata.md}: roles root,
 * targets, snapshot and timestamp plus a per-device directive, each a DSSE envelope over RFC 8785
 * canonical JSON.
 *
 * <p>The registry builds role records and signs them with {@link
 * dev.modelfleet.signing.metadata.MetadataSigner}; devices verify them in order with {@link
 * dev.modelfleet.signing.metadata.TrustedMetadata}, which enforces signature thresholds of distinct
 * keys, expiry, monotonic versions, snapshot consistency, declared lengths, root rotation and
 * directive binding.
 */
@NullMarked
package dev.modelfleet.signing.metadata;

import org.jspecify.annotations.NullMarked;
