/**
 * Signing benchmarks: OMS sign/verify throughput against openssl and sha256sum, metadata checks.
 */
@NullMarked
package dev.modelfleet.bench.signing;

import org.jspecify.annotations.NullMarked;
