/**
 * A small, strict, dependency-free JSON model for signed documents and machine-readable output.
 *
 * <p>Signed metadata and signature bundles arrive from untrusted parties, so parsing is bounded
 * ({@link dev.modelfleet.signing.json.JsonLimits}), rejects duplicate keys, invalid UTF-8, lone
 * surrogates and anything RFC 8259 does not allow. Values are immutable.
 */
@NullMarked
package dev.modelfleet.signing.json;

import org.jspecify.annotations.NullMarked;
