@NullMarked
package dev.modelfleet.delta.create;

import org.jspecify.annotations.NullMarked;
