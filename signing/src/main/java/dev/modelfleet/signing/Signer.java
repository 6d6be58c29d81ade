package dev.modelfleet.signing;

/**
 * Produces signatures with a key that may live elsewhere (a file, a PKCS#11 token, a KMS).
 * Implementations must return signatures in the encoding of {@link SigningKey#sign}: DER for ECDSA,
 * 64 raw bytes for Ed25519.
 */
public interface Signer {

  /** The public half of the signing key. */
  VerificationKey verificationKey();

  /**
   * Signs {@code message}.
   *
   * @throws SigningException if the key is unavailable or the signing service fails
   */
  byte[] sign(byte[] message) throws SigningException;

  /** A signer backed by a key in memory. */
  static Signer of(SigningKey key) {
    return new LocalKeySigner(key);
  }
}
