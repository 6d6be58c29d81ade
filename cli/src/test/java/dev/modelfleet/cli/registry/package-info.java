@NullMarked
package dev.modelfleet.cli.registry;

import org.jspecify.annotations.NullMarked;
