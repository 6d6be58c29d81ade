@NullMarked
package dev.modelfleet.registry.profile;

import org.jspecify.annotations.NullMarked;
