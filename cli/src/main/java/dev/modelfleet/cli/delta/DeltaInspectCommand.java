package dev.modelfleet.cli.delta;

import dev.modelfleet.delta.inspect.PatchInfo;
import dev.modelfleet.delta.inspect.PatchInspector;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code modelfleet delta inspect}: checks a patch without its source and describes it. */
@Command(
    mixinStandardHelpOptions = true,
    name = "inspect",
    description = {
      "Check a patch (header, every section's checksum and operations) and print what it holds."
    })
final class DeltaInspectCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "PATCH", description = "The patch.")
  Path patch;

  @Override
  public Integer call() throws Exception {
    PatchInfo info = PatchInspector.inspect(patch);
    JsonObject.Builder ops = JsonObject.builder();
    for (Map.Entry<String, PatchInfo.Count> e : info.operations().entrySet()) {
      ops.put(e.getKey(), DeltaJson.counts(e.getValue().operations(), e.getValue().targetBytes()));
    }
    JsonObject json =
        JsonObject.builder()
            .put("formatVersion", info.formatVersion())
            .put("size", info.patchSize())
            .put(
                "source",
                JsonObject.builder()
                    .put("size", info.sourceSize())
                    .put("sha256", info.sourceSha256().hex())
                    .build())
            .put(
                "target",
                JsonObject.builder()
                    .put("size", info.targetSize())
                    .put("sha256", info.targetSha256().hex())
                    .build())
            .put("ratio", DeltaJson.ratio(info.patchSize(), info.targetSize()))
            .put("sections", info.sections())
            .put("zstdSections", info.zstdSections())
            .put("decodedBytes", info.decodedBytes())
            .put("operations", ops.build())
            .build();
    spec.commandLine().getOut().println(Json.writePretty(json));
    return 0;
  }
}
