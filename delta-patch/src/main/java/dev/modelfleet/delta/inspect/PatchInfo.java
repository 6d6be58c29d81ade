package dev.modelfleet.delta.inspect;

import dev.modelfleet.delta.Sha256;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a patch contains, as read and checked by {@link PatchInspector}.
 *
 * @param formatVersion the format version
 * @param patchSize the patch's size in bytes
 * @param sourceSize the size of the source it applies to
 * @param sourceSha256 the SHA-256 of that source
 * @param targetSize the size of the target it produces
 * @param targetSha256 the SHA-256 of that target
 * @param sections the number of data sections
 * @param zstdSections how many of them are zstd-compressed (the rest are stored)
 * @param decodedBytes the sum of the sections' decoded payload lengths
 * @param operations operation counts by kind ({@code copy}, {@code literal}, {@code
 *     transform:<NAME>})
 */
public record PatchInfo(
    int formatVersion,
    long patchSize,
    long sourceSize,
    Sha256 sourceSha256,
    long targetSize,
    Sha256 targetSha256,
    int sections,
    int zstdSections,
    long decodedBytes,
    Map<String, Count> operations) {

  public PatchInfo {
    operations = Collections.unmodifiableMap(new LinkedHashMap<>(operations));
  }

  /**
   * Operations of one kind.
   *
   * @param operations how many
   * @param targetBytes the target bytes they produce
   */
  public record Count(long operations, long targetBytes) {}
}
