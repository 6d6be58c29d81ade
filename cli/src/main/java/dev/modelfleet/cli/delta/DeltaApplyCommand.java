package dev.modelfleet.cli.delta;

import dev.modelfleet.cli.common.OutputFiles;
import dev.modelfleet.delta.Sha256;
import dev.modelfleet.delta.apply.ApplyResult;
import dev.modelfleet.delta.apply.PatchApplier;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code modelfleet delta apply}: rebuilds NEW from OLD and a patch; exit 1 on any mismatch, and
 * then no NEW is left behind.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "apply",
    description = {
      "Rebuild NEW from OLD and PATCH and print a JSON summary.",
      "OLD must be the file the patch was made from (its size and SHA-256 are checked); NEW is"
          + " written to a temporary file and renamed into place only if its size and SHA-256"
          + " match."
    })
final class DeltaApplyCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "OLD", description = "The old file.")
  Path from;

  @Option(names = "--patch", required = true, paramLabel = "PATCH", description = "The patch.")
  Path patch;

  @Option(names = "--out", required = true, paramLabel = "NEW", description = "Where to write.")
  Path out;

  @Option(names = "--force", description = "Replace NEW if it exists.")
  boolean force;

  @Option(
      names = "--expect-sha256",
      paramLabel = "HEX",
      description = "Fail unless the patch produces a file with this SHA-256.")
  @Nullable String expectSha256;

  @Option(names = "--threads", paramLabel = "N", description = "Decoding threads (default: 2).")
  @Nullable Integer threads;

  @Option(
      names = "--no-sync",
      description = {
        "Do not flush NEW to the disk before renaming it into place. Faster; for an output that"
            + " is checked and thrown away, or synced later. NEW is still only published"
            + " complete."
      })
  boolean noSync;

  @Option(
      names = "--no-direct-io",
      description = {
        "Write NEW through the page cache instead of with direct I/O. NEW is then cached for"
            + " its first read, at the cost of evicting other cached data (such as a running"
            + " model)."
      })
  boolean noDirectIo;

  @Override
  public Integer call() throws Exception {
    @Nullable Sha256 expected = null;
    if (expectSha256 != null) {
      try {
        expected = Sha256.fromHex(expectSha256);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--expect-sha256 must be 64 hex digits");
      }
    }
    OutputFiles.refuseToOverwrite(out, force);
    PatchApplier.Builder b = PatchApplier.builder().durable(!noSync).directIo(!noDirectIo);
    if (threads != null) {
      if (threads < 1 || threads > 64) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--threads must be between 1 and 64, not " + threads);
      }
      b.threads(threads);
    }
    // A PatchException says what is wrong in one sentence; the failure handler prints it.
    ApplyResult r = b.build().apply(from, patch, out, expected);
    JsonObject json =
        JsonObject.builder()
            .put("target", DeltaJson.file(out, r.size(), r.sha256()))
            .put("patchBytes", r.patchBytes())
            .put("sections", r.sections())
            .put("seconds", DeltaJson.seconds(r.elapsed()))
            .build();
    spec.commandLine().getOut().println(Json.writePretty(json));
    return 0;
  }
}
