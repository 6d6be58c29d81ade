package dev.modelfleet.registry.release;

import org.jspecify.annotations.Nullable;

/**
 * Published (after commit) whenever a model's releases, variants or channels change, so signed
 * metadata is refreshed and delta jobs are planned.
 *
 * @param modelId the model
 * @param newVariantId the variant just published, if that is what changed
 */
public record CatalogChanged(long modelId, @Nullable Long newVariantId) {}
