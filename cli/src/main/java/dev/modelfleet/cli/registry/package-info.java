/**
 * Commands that automate a registry over its REST API: {@code profiles}, {@code models}, {@code
 * publish}, {@code targets sign}. They talk HTTP and JSON only; the CLI never links the registry's
 * code.
 */
@NullMarked
package dev.modelfleet.cli.registry;

import org.jspecify.annotations.NullMarked;
