/**
 * What every command shares: exit codes, the failure exception the CLI turns into one sentence on
 * stderr, the {@code --verbose} mixin and safe output files. Feature packages depend on this one;
 * it depends on none of them, so {@code Main} can register every feature without a package cycle.
 */
@NullMarked
package dev.modelfleet.cli.common;

import org.jspecify.annotations.NullMarked;
