package dev.modelfleet.cli.delta;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code modelfleet delta}: the parent of the delta subcommands. */
@Command(
    mixinStandardHelpOptions = true,
    name = "delta",
    description = "Create, apply and inspect delta patches between two versions of a file.",
    subcommands = {DeltaCreateCommand.class, DeltaApplyCommand.class, DeltaInspectCommand.class})
public final class DeltaCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing a delta command (create, apply or inspect).");
  }
}
