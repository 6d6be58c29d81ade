package dev.modelfleet.cli.signing;

/**
 * A signing command could not do its job (bad key file, verification failed): the CLI's failure
 * handler prints the message as one sentence and exits with 1, as for {@code CommandFailure}. A
 * local type, because using {@code dev.modelfleet.cli.CommandFailure} here would make a package
 * cycle with {@code dev.modelfleet.cli.Main}, which registers this package's commands.
 */
final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CommandFailure(String message) {
    super(message);
  }

  CommandFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
