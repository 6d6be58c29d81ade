/**
 * Reference quantizers and dequantizers, bit-exact with ggml's reference C code: F32 to F16 and
 * BF16 ({@link dev.modelfleet.gguf.quant.Fp16}, round to nearest even), Q8_0 and Q4_0 ({@link
 * dev.modelfleet.gguf.quant.Quantization}).
 */
@NullMarked
package dev.modelfleet.gguf.quant;

import org.jspecify.annotations.NullMarked;
