/**
 * Content-defined chunking (gear hash, FastCDC-style normalized cut points) and the copy matcher
 * built on it: finds ranges of a target that occur in a source, wherever they moved, and extends
 * every match byte by byte. Encoder side only.
 */
@NullMarked
package dev.modelfleet.delta.internal.cdc;

import org.jspecify.annotations.NullMarked;
