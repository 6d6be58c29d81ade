package dev.modelfleet.cli.signing;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code modelfleet keys}: key management. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Create signing keys.",
    subcommands = {KeysGenerateCommand.class})
public final class KeysCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a keys command.");
  }
}
