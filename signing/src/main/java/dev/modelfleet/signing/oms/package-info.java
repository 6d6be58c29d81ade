/**
 * OpenSSF Model Signing (OMS) v1.0: sign a model file or directory into a Sigstore bundle (v0.3)
 * holding a DSSE envelope with an in-toto Statement v1 (predicate {@code
 * https://model_signing/signature/v1.0}), and verify such bundles against a model on disk.
 *
 * <p>Start with {@link dev.modelfleet.signing.oms.ModelSigner} and {@link
 * dev.modelfleet.signing.oms.ModelVerifier}; {@link dev.modelfleet.signing.oms.OmsBundle} parses
 * bundle files.
 */
@NullMarked
package dev.modelfleet.signing.oms;

import org.jspecify.annotations.NullMarked;
