@NullMarked
package dev.modelfleet.delta.internal.io;

import org.jspecify.annotations.NullMarked;
