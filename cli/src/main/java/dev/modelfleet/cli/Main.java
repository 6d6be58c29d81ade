package dev.modelfleet.cli;

import dev.modelfleet.cli.common.VerboseOption;
import dev.modelfleet.cli.delta.DeltaCommand;
import dev.modelfleet.cli.gguf.GgufCommand;
import dev.modelfleet.cli.registry.ModelsCommand;
import dev.modelfleet.cli.registry.ProfilesCommand;
import dev.modelfleet.cli.registry.PublishCommand;
import dev.modelfleet.cli.registry.TargetsCommand;
import dev.modelfleet.cli.signing.KeysCommand;
import dev.modelfleet.cli.signing.SignCommand;
import dev.modelfleet.cli.signing.VerifyCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code modelfleet}: exit code 0 on success, 1 on failure (bad file, verification failed, server
 * error), 2 on a usage error. Errors go to stderr as one sentence; {@code --verbose} adds the stack
 * trace.
 */
@Command(
    name = "modelfleet",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Ship signed, validated on-device LLMs to fleets.",
    subcommands = {
      CommandLine.HelpCommand.class,
      GgufCommand.class,
      KeysCommand.class,
      SignCommand.class,
      VerifyCommand.class,
      DeltaCommand.class,
      ProfilesCommand.class,
      ModelsCommand.class,
      PublishCommand.class,
      TargetsCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin VerboseOption verbose = new VerboseOption();

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(out, err, args));
  }

  /** Runs one command in this JVM and returns its exit code (what tests call). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new FailureHandler());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setUsageHelpAutoWidth(true);
    return cli;
  }

  @Override
  public void run() {
    // "modelfleet" alone is a usage error: show what there is.
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command.");
  }
}
