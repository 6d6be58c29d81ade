/** Models and their registered publisher public keys (the keys uploads must be signed with). */
@NullMarked
package dev.modelfleet.registry.model;

import org.jspecify.annotations.NullMarked;
