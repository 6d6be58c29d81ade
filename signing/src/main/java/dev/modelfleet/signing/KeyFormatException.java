package dev.modelfleet.signing;

/**
 * A key or certificate could not be loaded: malformed PEM or DER, a wrong password, an unsupported
 * algorithm or curve, or a key too weak to trust.
 */
public final class KeyFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public KeyFormatException(String message) {
    super(message);
  }

  public KeyFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
