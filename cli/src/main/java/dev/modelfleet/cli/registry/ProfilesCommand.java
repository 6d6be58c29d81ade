package dev.modelfleet.cli.registry;

import dev.modelfleet.signing.json.JsonArray;
import dev.modelfleet.signing.json.JsonObject;
import dev.modelfleet.signing.json.JsonValue;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelfleet profiles create|list}. */
@Command(
    name = "profiles",
    mixinStandardHelpOptions = true,
    description = "Manage hardware profiles in a registry.",
    subcommands = {ProfilesCommand.Create.class, ProfilesCommand.ListProfiles.class})
public final class ProfilesCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a profiles command.");
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a hardware profile (a named set of device requirements).")
  static final class Create implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin RegistryOptions registry = new RegistryOptions();

    @Option(names = "--name", required = true, description = "Profile name, e.g. arm64-8gb.")
    String name = "";

    @Option(names = "--arch", required = true, description = "CPU architecture, e.g. arm64.")
    String arch = "";

    @Option(
        names = "--cpu-features",
        split = ",",
        paramLabel = "F",
        description = "Required CPU features, comma-separated (e.g. neon,dotprod).")
    List<String> cpuFeatures = new ArrayList<>();

    @Option(names = "--min-ram-mb", paramLabel = "N", description = "Minimum RAM in MiB.")
    @Nullable Integer minRamMb;

    @Option(names = "--accelerator", description = "Required accelerator, e.g. gpu-vulkan.")
    @Nullable String accelerator;

    @Option(names = "--os", description = "Operating system, e.g. android or linux.")
    @Nullable String os;

    @Option(names = "--min-api-level", paramLabel = "N", description = "Minimum OS API level.")
    @Nullable Integer minApiLevel;

    @Option(names = "--description", description = "Free text.")
    @Nullable String description;

    @Override
    public Integer call() throws Exception {
      JsonObject.Builder body = JsonObject.builder().put("name", name).put("arch", arch);
      body.put("cpuFeatures", JsonArray.ofStrings(cpuFeatures));
      if (minRamMb != null) {
        body.put("minRamMb", minRamMb);
      }
      if (accelerator != null) {
        body.put("accelerator", accelerator);
      }
      if (os != null) {
        body.put("os", os);
      }
      if (minApiLevel != null) {
        body.put("minApiLevel", minApiLevel);
      }
      if (description != null) {
        body.put("description", description);
      }
      JsonObject created = registry.client().post("/api/v1/profiles", body.build()).object();
      PrintWriter out = spec.commandLine().getOut();
      if (registry.json) {
        out.println(created.toJson());
      } else {
        out.println("Created hardware profile " + JsonViews.text(created, "name"));
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List hardware profiles.")
  static final class ListProfiles implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin RegistryOptions registry = new RegistryOptions();

    @Override
    public Integer call() throws Exception {
      JsonValue body = registry.client().get("/api/v1/profiles").body();
      PrintWriter out = spec.commandLine().getOut();
      JsonArray profiles = body instanceof JsonArray a ? a : JsonArray.of();
      if (registry.json) {
        out.println(profiles.toJson());
        return 0;
      }
      out.printf("%-24s %-10s %-24s %s%n", "NAME", "ARCH", "CPU FEATURES", "MIN RAM MB");
      for (JsonObject p : profiles.objects()) {
        List<String> features = new ArrayList<>();
        JsonViews.array(p, "cpuFeatures")
            .elements()
            .forEach(v -> features.add(JsonViews.scalar(v)));
        out.printf(
            "%-24s %-10s %-24s %s%n",
            JsonViews.text(p, "name"),
            JsonViews.text(p, "arch"),
            String.join(",", features),
            JsonViews.text(p, "minRamMb"));
      }
      return 0;
    }
  }
}
