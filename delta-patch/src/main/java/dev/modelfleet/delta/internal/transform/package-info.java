/**
 * The type-aware transforms of the patch format (section "Transforms" of {@code
 * docs/formats/delta.md}): each turns an old piece of a file plus a payload into the new piece, and
 * back. Used by both the encoder and the applier; knows nothing about GGUF files.
 */
@NullMarked
package dev.modelfleet.delta.internal.transform;

import org.jspecify.annotations.NullMarked;
