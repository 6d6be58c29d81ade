/**
 * Errors as RFC 9457 problem details: the stable {@link dev.modelfleet.registry.error.ErrorCode}
 * enum (one {@code type} URI per code), the exception features throw, and the advice that renders
 * both. Responses never carry class names or stack traces.
 */
@NullMarked
package dev.modelfleet.registry.error;

import org.jspecify.annotations.NullMarked;
