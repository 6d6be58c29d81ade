package dev.modelfleet.cli.gguf;

/**
 * A gguf command could not do its job (bad file, file exists): the CLI's failure handler prints the
 * message as one sentence and exits with 1, as for {@code CommandFailedException}. A local type,
 * because using {@code dev.modelfleet.cli.CommandFailedException} here would make a package cycle
 * with {@code dev.modelfleet.cli.Main}, which registers this package's commands.
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
