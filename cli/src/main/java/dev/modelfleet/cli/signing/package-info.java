/**
 * {@code modelfleet keys generate}, {@code modelfleet sign} and {@code modelfleet verify}: OpenSSF
 * Model Signing v1.0 signatures for model files and directories.
 */
@NullMarked
package dev.modelfleet.cli.signing;

import org.jspecify.annotations.NullMarked;
