package dev.modelfleet.delta.create;

import dev.modelfleet.delta.Sha256;
import java.time.Duration;
import java.util.Map;

/**
 * What {@link PatchEncoder#encode} wrote.
 *
 * @param strategy {@code "gguf"} (tensors matched by name) or {@code "generic"} (content-defined
 *     chunking)
 * @param sourceSize the source's size
 * @param sourceSha256 the source's SHA-256
 * @param targetSize the target's size
 * @param targetSha256 the target's SHA-256
 * @param patchSize the patch's size
 * @param sections the number of data sections
 * @param operations operation counts by kind: {@code copy}, {@code literal}, {@code
 *     dictionary-literal} and {@code transform:<NAME>} for each transform used, in that order
 * @param elapsed how long encoding took
 */
public record EncodeSummary(
    String strategy,
    long sourceSize,
    Sha256 sourceSha256,
    long targetSize,
    Sha256 targetSha256,
    long patchSize,
    int sections,
    Map<String, OpCount> operations,
    Duration elapsed) {

  public EncodeSummary {
    operations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(operations));
  }

  /** Patch size divided by target size (0 for an empty target). */
  public double ratio() {
    return targetSize == 0 ? 0 : (double) patchSize / targetSize;
  }
}
