/** Test support: one PostgreSQL per test JVM, a fresh database and data directory per context. */
@NullMarked
package dev.modelfleet.registry.testing;

import org.jspecify.annotations.NullMarked;
