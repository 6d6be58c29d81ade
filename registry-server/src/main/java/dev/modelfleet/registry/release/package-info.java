/**
 * Releases (monotonic number + semver label, notes, lineage, validation spec), their variants (one
 * verified GGUF file per hardware profile), channels, deprecation and revocation. Publishes {@link
 * dev.modelfleet.registry.release.CatalogChanged} events for metadata and delta jobs.
 */
@NullMarked
package dev.modelfleet.registry.release;

import org.jspecify.annotations.NullMarked;
