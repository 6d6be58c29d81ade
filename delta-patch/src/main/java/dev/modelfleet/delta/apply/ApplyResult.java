package dev.modelfleet.delta.apply;

import dev.modelfleet.delta.Sha256;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A target written by {@link PatchApplier}: verified to have the size and SHA-256 the patch
 * promises.
 *
 * @param target where it is
 * @param size its size
 * @param sha256 its SHA-256
 * @param sections how many data sections the patch had
 * @param patchBytes how many bytes the patch had
 * @param elapsed how long the apply took
 */
public record ApplyResult(
    Path target, long size, Sha256 sha256, int sections, long patchBytes, Duration elapsed) {}
