/**
 * Reading and writing the delta patch format ({@code docs/formats/delta.md}): header, sections and
 * operations, with every structural rule of the format checked on read.
 */
@NullMarked
package dev.modelfleet.delta.internal.format;

import org.jspecify.annotations.NullMarked;
