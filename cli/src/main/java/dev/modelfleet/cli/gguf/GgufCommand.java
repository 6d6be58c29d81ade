package dev.modelfleet.cli.gguf;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code modelfleet gguf}: the group of GGUF commands. */
@Command(
    name = "gguf",
    mixinStandardHelpOptions = true,
    description = "Inspect, generate and derive GGUF model files.",
    subcommands = {InspectCommand.class, GenerateCommand.class, DeriveCommand.class})
public final class GgufCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a gguf command.");
  }
}
