@NullMarked
package dev.modelfleet.registry.publish;

import org.jspecify.annotations.NullMarked;
