@NullMarked
package dev.modelfleet.registry;

import org.jspecify.annotations.NullMarked;
