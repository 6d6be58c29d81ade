/**
 * The {@code modelfleet} command line: entry point, shared options and error handling. Each
 * feature's commands live in their own subpackage.
 */
@NullMarked
package dev.modelfleet.cli;

import org.jspecify.annotations.NullMarked;
