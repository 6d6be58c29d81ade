package dev.modelfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfleet.cli.common.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

  record Result(int exitCode, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void anInterruptedFileOperationIsReportedAsAStop() {
    // It carries no message of its own; the library exceptions that wrap it say more.
    assertThat(FailureHandler.sentence(new java.nio.channels.ClosedByInterruptException()))
        .isEqualTo("stopped: interrupted while reading or writing a file");
  }

  @Test
  void helpPrintsUsageAndExitsZero() {
    Result r = run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: modelfleet");
  }

  @Test
  void noCommandIsAUsageError() {
    Result r = run();
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("Missing a command");
  }

  @Test
  void unknownCommandIsAUsageError() {
    Result r = run("frobnicate");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("frobnicate");
  }

  @Test
  void helpListsEveryCommand() {
    Result r = run("--help");
    assertThat(r.out())
        .contains(
            "help",
            "gguf",
            "keys",
            "sign",
            "verify",
            "delta",
            "profiles",
            "models",
            "publish",
            "targets");
  }

  @Test
  void aCommandRunsAfterRootOptions() {
    Result r = run("--verbose", "delta", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: modelfleet delta", "create", "apply", "inspect");
  }

  @Test
  void theHelpCommandSeesEveryCommand() {
    Result r = run("help", "delta");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: modelfleet delta");
  }

  @Test
  void onlyTheNamedCommandIsBuilt() {
    // Building every command by reflection was most of a short command's start-up time.
    assertThat(Main.commandLine("--verbose", "delta", "apply").getSubcommands())
        .containsOnlyKeys("delta");
    assertThat(Main.commandLine("--version").getSubcommands()).hasSize(Main.COMMANDS.size());
    assertThat(Main.commandLine("frobnicate", "delta").getSubcommands())
        .hasSize(Main.COMMANDS.size());
  }
}
