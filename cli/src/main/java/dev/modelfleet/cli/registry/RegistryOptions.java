package dev.modelfleet.cli.registry;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --server}, {@code --token} and {@code --json} for every registry command. */
public final class RegistryOptions {
  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "Registry URL (default: $MODELFLEET_SERVER or http://localhost:8080).")
  @Nullable String server;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "API token (default: $MODELFLEET_TOKEN).")
  @Nullable String token;

  @Option(names = "--json", description = "Print one JSON document instead of text.")
  boolean json;

  String server() {
    if (server != null) {
      return server;
    }
    String env = System.getenv("MODELFLEET_SERVER");
    return env != null && !env.isBlank() ? env : "http://localhost:8080";
  }

  @Nullable String token() {
    if (token != null) {
      return token;
    }
    String env = System.getenv("MODELFLEET_TOKEN");
    return env != null && !env.isBlank() ? env : null;
  }

  RegistryClient client() {
    return new RegistryClient(server(), token());
  }
}
