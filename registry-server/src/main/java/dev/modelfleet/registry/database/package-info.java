/**
 * The one-command default: an embedded PostgreSQL (real binaries) whose data lives in the data
 * directory, used when no {@code spring.datasource.url} is configured.
 */
@NullMarked
package dev.modelfleet.registry.database;

import org.jspecify.annotations.NullMarked;
