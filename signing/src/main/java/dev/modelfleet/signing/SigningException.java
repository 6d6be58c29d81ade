package dev.modelfleet.signing;

/** A {@link Signer} could not produce a signature (for example a hardware token is unavailable). */
public final class SigningException extends Exception {
  private static final long serialVersionUID = 1L;

  public SigningException(String message) {
    super(message);
  }

  public SigningException(String message, Throwable cause) {
    super(message, cause);
  }
}
