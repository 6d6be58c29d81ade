@NullMarked
package dev.modelfleet.registry.fullstack;

import org.jspecify.annotations.NullMarked;
