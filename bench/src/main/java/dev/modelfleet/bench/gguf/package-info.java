/** GGUF benchmarks: header parse, generator write throughput, Q8_0 quantization throughput. */
@NullMarked
package dev.modelfleet.bench.gguf;

import org.jspecify.annotations.NullMarked;
