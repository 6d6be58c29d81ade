/** Helpers for the encoder's and applier's worker threads. */
@NullMarked
package dev.modelfleet.delta.internal.concurrent;

import org.jspecify.annotations.NullMarked;
