/** Writing the encoder's and applier's outputs past the page cache. */
@NullMarked
package dev.modelfleet.delta.internal.io;

import org.jspecify.annotations.NullMarked;
