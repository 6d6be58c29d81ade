/**
 * GGUF v2/v3 files: header parsing ({@link dev.modelfleet.gguf.GgufReader}), the ggml tensor type
 * table ({@link dev.modelfleet.gguf.GgmlType}), the metadata value model and a streaming writer
 * ({@link dev.modelfleet.gguf.GgufWriter}).
 *
 * <p>Files arrive from untrusted parties, so the reader is bounded: it never allocates more than
 * the file's size can justify, reads only the header, and reports every problem as a {@link
 * dev.modelfleet.gguf.GgufFormatException} that names the byte offset. Tensor data is reached by
 * positional reads, never loaded whole.
 */
@NullMarked
package dev.modelfleet.gguf;

import org.jspecify.annotations.NullMarked;
