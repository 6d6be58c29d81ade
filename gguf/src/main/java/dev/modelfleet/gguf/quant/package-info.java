/**
 * Reference quantizers and dequantizers, bit-exact with ggml's reference C code: F32 to F16 and
 * BF16 ({@link dev.modelfleet.gguf.quant.Fp16}, round to nearest even), Q8_0, Q4_0 and the k-quants
 * Q4_K, Q5_K, Q6_K ({@link dev.modelfleet.gguf.quant.Quantization}).
 */
@NullMarked
package dev.modelfleet.gguf.quant;

import org.jspecify.annotations.NullMarked;
