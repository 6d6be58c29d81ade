@NullMarked
package dev.modelfleet.registry.blob;

import org.jspecify.annotations.NullMarked;
