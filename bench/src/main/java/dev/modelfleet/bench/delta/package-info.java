/**
 * The delta benchmark ({@code bench/delta/run.sh}): generated GGUF model pairs, this project's
 * {@code modelfleet delta} beside xdelta3, zstd {@code --patch-from} and rdiff, each run as its own
 * process under GNU time.
 */
@NullMarked
package dev.modelfleet.bench.delta;

import org.jspecify.annotations.NullMarked;
