@NullMarked
package dev.modelfleet.registry.metadata;

import org.jspecify.annotations.NullMarked;
