@NullMarked
package dev.modelfleet.registry.security;

import org.jspecify.annotations.NullMarked;
