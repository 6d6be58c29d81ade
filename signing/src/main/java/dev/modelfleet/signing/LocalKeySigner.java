package dev.modelfleet.signing;

import java.util.Objects;

/** {@link Signer} over a {@link SigningKey} held in this process. */
final class LocalKeySigner implements Signer {
  private final SigningKey key;

  LocalKeySigner(SigningKey key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  @Override
  public VerificationKey verificationKey() {
    return key.verificationKey();
  }

  @Override
  public byte[] sign(byte[] message) {
    return key.sign(message);
  }

  @Override
  public String toString() {
    return "local " + key;
  }
}
