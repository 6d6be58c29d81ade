/**
 * The device side of delta patches: {@link dev.modelfleet.delta.apply.PatchApplier} rebuilds a
 * target file from a source file and a patch with memory independent of the file sizes. This
 * package does not depend on the GGUF reader or the encoder, so it can ship alone.
 */
@NullMarked
package dev.modelfleet.delta.apply;

import org.jspecify.annotations.NullMarked;
