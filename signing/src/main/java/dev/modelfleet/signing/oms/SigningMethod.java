package dev.modelfleet.signing.oms;

/** How an OMS bundle identifies its signer (the bundle's {@code verificationMaterial}). */
public enum SigningMethod {
  /** A public key named by {@code publicKey.hint}; the verifier supplies the key. */
  KEY,
  /** An X.509 chain ({@code x509CertificateChain}) validated against trusted roots. */
  CERTIFICATE,
  /** A Fulcio certificate plus Rekor transparency-log entries (Sigstore keyless signing). */
  SIGSTORE
}
