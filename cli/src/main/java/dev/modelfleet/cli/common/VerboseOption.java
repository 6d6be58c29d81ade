package dev.modelfleet.cli.common;

import picocli.CommandLine.Option;

/** Mixin for every command: {@code --verbose} prints stack traces of failures. */
public final class VerboseOption {
  @Option(
      names = "--verbose",
      description = "On failure, also print the stack trace.",
      scope = picocli.CommandLine.ScopeType.INHERIT)
  public boolean verbose;
}
