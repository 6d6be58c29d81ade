/**
 * Keys, signers and X.509 chain validation shared by OpenSSF Model Signing bundles ({@link
 * dev.modelfleet.signing.oms}) and repository metadata ({@link dev.modelfleet.signing.metadata}).
 *
 * <p>Everything uses Bouncy Castle's lightweight API, never a JCA provider looked up by name, so it
 * behaves the same on a server JVM and on Android. Verification fails closed: it returns normally
 * or throws {@link dev.modelfleet.signing.VerificationException} naming the failed check.
 */
@NullMarked
package dev.modelfleet.signing;

import org.jspecify.annotations.NullMarked;
