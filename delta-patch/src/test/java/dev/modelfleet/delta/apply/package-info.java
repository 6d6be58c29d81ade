@NullMarked
package dev.modelfleet.delta.apply;

import org.jspecify.annotations.NullMarked;
