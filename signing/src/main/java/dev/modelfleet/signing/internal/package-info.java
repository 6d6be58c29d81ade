/** Implementation details of the signing module: PEM, ASN.1, hex, password-based encryption. */
@NullMarked
package dev.modelfleet.signing.internal;

import org.jspecify.annotations.NullMarked;
