@NullMarked
package dev.modelfleet.registry.release;

import org.jspecify.annotations.NullMarked;
