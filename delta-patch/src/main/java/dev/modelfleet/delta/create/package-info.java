/**
 * The publisher side of delta patches: {@link dev.modelfleet.delta.create.PatchEncoder} describes a
 * target file as a patch against a source file, tensor by tensor for GGUF models and by
 * content-defined chunking for anything else.
 */
@NullMarked
package dev.modelfleet.delta.create;

import org.jspecify.annotations.NullMarked;
