/**
 * The ModelFleet registry: a Spring Boot service organised by feature. Each subpackage is one
 * feature whose public types are its API to the others; everything else is package-private.
 */
@NullMarked
package dev.modelfleet.registry;

import org.jspecify.annotations.NullMarked;
