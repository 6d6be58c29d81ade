/** {@code modelfleet delta}: create, apply and inspect delta patches. */
@NullMarked
package dev.modelfleet.cli.delta;

import org.jspecify.annotations.NullMarked;
