package dev.modelfleet.cli;

import dev.modelfleet.cli.common.ExitCode;
import java.io.PrintWriter;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns an exception from a command into one line on stderr and exit code 1. */
final class FailureHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (e instanceof CommandLine.ParameterException pe) {
      // Thrown by a command's own validation: a usage error, like picocli's.
      err.println("modelfleet: " + pe.getMessage());
      err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
      return ExitCode.USAGE;
    }
    err.println("modelfleet: " + sentence(e));
    if (isVerbose(parsed)) {
      e.printStackTrace(err);
    }
    return ExitCode.FAILURE;
  }

  static String sentence(Throwable e) {
    if (e instanceof NoSuchFileException n) {
      String reason = n.getReason();
      return reason == null ? "no such file: " + n.getFile() : n.getFile() + ": " + reason;
    } else if (e instanceof AccessDeniedException a) {
      return "permission denied: " + a.getFile();
    } else if (e instanceof FileAlreadyExistsException f) {
      return "file already exists: " + f.getFile();
    } else if (e instanceof ClosedByInterruptException) {
      return "stopped: interrupted while reading or writing a file";
    }
    @Nullable String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName() + " (run with --verbose for details)";
    }
    return message;
  }

  private static boolean isVerbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
