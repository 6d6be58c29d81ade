/** Little-endian byte helpers and growable byte buffers shared by the patch reader and writer. */
@NullMarked
package dev.modelfleet.delta.internal.bytes;

import org.jspecify.annotations.NullMarked;
