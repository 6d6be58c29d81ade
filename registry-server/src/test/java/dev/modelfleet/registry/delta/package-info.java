@NullMarked
package dev.modelfleet.registry.delta;

import org.jspecify.annotations.NullMarked;
