/** Test helpers: deterministic file generators and patch builders. */
@NullMarked
package dev.modelfleet.delta.testing;

import org.jspecify.annotations.NullMarked;
