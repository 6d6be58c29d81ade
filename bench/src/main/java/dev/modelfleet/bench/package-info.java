/** Benchmark harnesses; each prints machine-readable results for docs/benchmarks.md. */
@NullMarked
package dev.modelfleet.bench;

import org.jspecify.annotations.NullMarked;
