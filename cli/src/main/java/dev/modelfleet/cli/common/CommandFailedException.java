package dev.modelfleet.cli.common;

/**
 * A command could not do its job for a reason the user must act on (bad file, failed verification).
 * The message is one sentence for stderr; the command exits with 1.
 */
public final class CommandFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CommandFailedException(String message) {
    super(message);
  }

  public CommandFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
