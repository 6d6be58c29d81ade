package dev.modelfleet.cli.delta;

import dev.modelfleet.cli.common.OutputFiles;
import dev.modelfleet.delta.create.EncodeSummary;
import dev.modelfleet.delta.create.OpCount;
import dev.modelfleet.delta.create.PatchEncoder;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modelfleet delta create}: writes a patch and prints a JSON summary. */
@Command(
    mixinStandardHelpOptions = true,
    name = "create",
    description = {
      "Write a patch that turns OLD into NEW and print a JSON summary.",
      "GGUF models are matched tensor by tensor; other files by content-defined chunking."
    })
final class DeltaCreateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "OLD", description = "The old file.")
  Path from;

  @Option(names = "--to", required = true, paramLabel = "NEW", description = "The new file.")
  Path to;

  @Option(names = "--out", required = true, paramLabel = "PATCH", description = "Where to write.")
  Path out;

  @Option(names = "--force", description = "Replace PATCH if it exists.")
  boolean force;

  @Option(
      names = "--level",
      paramLabel = "N",
      defaultValue = "5",
      description = "zstd level for literal data, 1-19 (default: ${DEFAULT-VALUE}).")
  int level;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Encoding threads (default: one per processor).")
  @Nullable Integer threads;

  @Option(
      names = "--no-direct-io",
      description = "Write PATCH through the page cache instead of with direct I/O.")
  boolean noDirectIo;

  @Override
  public Integer call() throws Exception {
    if (level < 1 || level > 19) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--level must be between 1 and 19, not " + level);
    }
    OutputFiles.refuseToOverwrite(out, force);
    PatchEncoder.Builder b = PatchEncoder.builder().level(level).directIo(!noDirectIo);
    if (threads != null) {
      if (threads < 1 || threads > 64) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--threads must be between 1 and 64, not " + threads);
      }
      b.threads(threads);
    }
    EncodeSummary s = b.build().encode(from, to, out);
    JsonObject.Builder ops = JsonObject.builder();
    for (Map.Entry<String, OpCount> e : s.operations().entrySet()) {
      ops.put(e.getKey(), DeltaJson.counts(e.getValue().operations(), e.getValue().targetBytes()));
    }
    JsonObject json =
        JsonObject.builder()
            .put("strategy", s.strategy())
            .put("source", DeltaJson.file(from, s.sourceSize(), s.sourceSha256()))
            .put("target", DeltaJson.file(to, s.targetSize(), s.targetSha256()))
            .put(
                "patch",
                JsonObject.builder().put("path", out.toString()).put("size", s.patchSize()).build())
            .put("ratio", DeltaJson.ratio(s.patchSize(), s.targetSize()))
            .put("seconds", DeltaJson.seconds(s.elapsed()))
            .put("sections", s.sections())
            .put("operations", ops.build())
            .build();
    spec.commandLine().getOut().println(Json.writePretty(json));
    return 0;
  }
}
