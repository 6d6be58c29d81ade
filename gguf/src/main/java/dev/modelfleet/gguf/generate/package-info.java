/**
 * Deterministic llama-architecture model files for tests, benchmarks and demos ({@link
 * dev.modelfleet.gguf.generate.ModelGenerator}) and realistic next versions of them ({@link
 * dev.modelfleet.gguf.generate.ModelDeriver}): metadata edits, fine-tunes (Gaussian noise of
 * relative size r, re-quantized) and added or removed tensors. Both stream with bounded memory and
 * write through a temporary file, so a crash never leaves a half-written model under the target
 * name. See {@code gguf/README.md} for what the generated files contain.
 */
@NullMarked
package dev.modelfleet.gguf.generate;

import org.jspecify.annotations.NullMarked;
