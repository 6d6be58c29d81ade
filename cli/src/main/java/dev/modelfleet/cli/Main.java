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
import java.util.List;
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
    description = "Ship signed, validated on-device LLMs to fleets.")
public final class Main implements Runnable {
  /** The subcommands, in the order help lists them. */
  static final List<Class<?>> COMMANDS =
      List.of(
          CommandLine.HelpCommand.class,
          GgufCommand.class,
          KeysCommand.class,
          SignCommand.class,
          VerifyCommand.class,
          DeltaCommand.class,
          ProfilesCommand.class,
          ModelsCommand.class,
          PublishCommand.class,
          TargetsCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin VerboseOption verbose = new VerboseOption();

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    StopSignal stop = StopSignal.install();
    int code;
    try {
      code = run(out, err, args);
    } finally {
      stop.commandDone();
    }
    if (!stop.stopping()) {
      System.exit(code);
    }
  }

  /** Runs one command in this JVM and returns its exit code (what tests call). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine(args);
    cli.setOut(out);
    cli.setErr(err);
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * The command line for {@code args}: with only the subcommand they name when the first argument
   * that is not an option names one, else with all. Picocli builds every registered command by
   * reflection before it parses anything, which was most of a short command's start-up; help, usage
   * errors and their suggestions see every command.
   */
  static CommandLine commandLine(String... args) {
    CommandLine cli = new CommandLine(new Main());
    for (Class<?> c : commandsFor(args)) {
      cli.addSubcommand(c);
    }
    cli.setExecutionExceptionHandler(new FailureHandler());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setUsageHelpAutoWidth(true);
    return cli;
  }

  /**
   * The subcommand the first argument that is not a root option names (never "help"), else all.
   * Skipping every argument that starts with "-" is right because no root option takes a value.
   */
  private static List<Class<?>> commandsFor(String... args) {
    for (String a : args) {
      if (a.startsWith("-")) {
        continue;
      }
      for (Class<?> c : COMMANDS) {
        Command command = c.getAnnotation(Command.class);
        if (c != CommandLine.HelpCommand.class
            && command != null
            && (command.name().equals(a) || List.of(command.aliases()).contains(a))) {
          return List.of(c);
        }
      }
      return COMMANDS;
    }
    return COMMANDS;
  }

  @Override
  public void run() {
    // "modelfleet" alone is a usage error: show what there is.
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command.");
  }
}
