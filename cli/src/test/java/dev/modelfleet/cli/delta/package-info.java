@NullMarked
package dev.modelfleet.cli.delta;

import org.jspecify.annotations.NullMarked;
