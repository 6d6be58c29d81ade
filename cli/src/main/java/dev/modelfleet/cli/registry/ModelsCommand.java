package dev.modelfleet.cli.registry;

import dev.modelfleet.cli.common.CommandFailedException;
import dev.modelfleet.signing.KeyFormatException;
import dev.modelfleet.signing.VerificationKey;
import dev.modelfleet.signing.json.JsonArray;
import dev.modelfleet.signing.json.JsonObject;
import dev.modelfleet.signing.json.JsonValue;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelfleet models create|list}. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "Manage models in a registry.",
    subcommands = {ModelsCommand.Create.class, ModelsCommand.ListModels.class})
public final class ModelsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a models command.");
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a model with the publisher key(s) its uploads must be signed with.")
  static final class Create implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin RegistryOptions registry = new RegistryOptions();

    @Option(names = "--name", required = true, description = "Model name, e.g. assistant.")
    String name = "";

    @Option(
        names = "--publisher-key",
        required = true,
        paramLabel = "PUB.pem",
        description = "Publisher public key (PEM); repeat for several.")
    List<Path> publisherKeys = new ArrayList<>();

    @Option(names = "--description", description = "Free text.")
    @Nullable String description;

    @Option(
        names = "--targets-signing",
        paramLabel = "MODE",
        description =
            "Who signs targets metadata: ONLINE (the registry's key, default) or PUBLISHER"
                + " (uploaded, signed offline).")
    @Nullable String targetsSigning;

    @Override
    public Integer call() throws Exception {
      List<String> pems = new ArrayList<>();
      for (Path p : publisherKeys) {
        String pem = Files.readString(p, StandardCharsets.UTF_8);
        try {
          VerificationKey.fromPem(pem); // fail here, with the file name, not on the server
        } catch (KeyFormatException e) {
          throw new CommandFailedException(
              "not a usable public key: " + p + " (" + e.getMessage() + ")", e);
        }
        pems.add(pem);
      }
      JsonObject.Builder body =
          JsonObject.builder().put("name", name).put("publisherKeys", JsonArray.ofStrings(pems));
      if (description != null) {
        body.put("description", description);
      }
      if (targetsSigning != null) {
        body.put("targetsSigning", targetsSigning.toUpperCase(java.util.Locale.ROOT));
      }
      JsonObject created = registry.client().post("/api/v1/models", body.build()).object();
      PrintWriter out = spec.commandLine().getOut();
      if (registry.json) {
        out.println(created.toJson());
      } else {
        out.println(
            "Created model "
                + JsonViews.text(created, "name")
                + " with "
                + JsonViews.array(created, "publisherKeys").size()
                + " publisher key(s)");
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List models.")
  static final class ListModels implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin RegistryOptions registry = new RegistryOptions();

    @Override
    public Integer call() throws Exception {
      JsonValue body = registry.client().get("/api/v1/models").body();
      JsonArray models = body instanceof JsonArray a ? a : JsonArray.of();
      PrintWriter out = spec.commandLine().getOut();
      if (registry.json) {
        out.println(models.toJson());
        return 0;
      }
      out.printf("%-32s %-10s %s%n", "NAME", "TARGETS", "PUBLISHER KEYS");
      for (JsonObject m : models.objects()) {
        out.printf(
            "%-32s %-10s %d%n",
            JsonViews.text(m, "name"),
            JsonViews.text(m, "targetsSigning"),
            JsonViews.array(m, "publisherKeys").size());
      }
      return 0;
    }
  }
}
