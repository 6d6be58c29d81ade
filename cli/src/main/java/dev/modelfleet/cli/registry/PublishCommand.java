package dev.modelfleet.cli.registry;

import dev.modelfleet.cli.common.CommandFailedException;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonArray;
import dev.modelfleet.signing.json.JsonException;
import dev.modelfleet.signing.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code modelfleet publish}: creates the release if needed, uploads each variant in resumable
 * chunks (re-running the same command resumes an interrupted upload), commits it for verification,
 * and optionally points a channel at the release.
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Publish signed GGUF variants of a release to a registry.",
      "Repeat --variant/--profile/--signature for several variants. An interrupted upload resumes"
          + " when the same command runs again."
    })
public final class PublishCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin RegistryOptions registry = new RegistryOptions();

  @Option(names = "--model", required = true, description = "Model name.")
  String model = "";

  @Option(
      names = "--release",
      required = true,
      paramLabel = "VERSION",
      description = "Release version (semver); created if it does not exist yet.")
  String release = "";

  @Option(
      names = "--release-number",
      paramLabel = "N",
      description = "Monotonic release number for a new release (default: the next one).")
  @Nullable Long releaseNumber;

  @Option(names = "--notes", description = "Release notes for a new release.")
  @Nullable String notes;

  @Option(
      names = "--validation",
      paramLabel = "SPEC.json",
      description =
          "Validation spec (golden prompts, perplexity, speed, limits) for a new release.")
  @Nullable Path validation;

  @Option(names = "--channel", description = "Point this channel (e.g. stable) at the release.")
  @Nullable String channel;

  @Option(
      names = "--chunk-size",
      paramLabel = "BYTES",
      description = "Upload chunk size (default: what the server recommends).")
  @Nullable Long chunkSize;

  @Option(
      names = "--retries",
      paramLabel = "N",
      description = "Retries per chunk after a dropped connection (default ${DEFAULT-VALUE}).")
  int retries = 5;

  @ArgGroup(exclusive = false, multiplicity = "1..*")
  List<VariantArgs> variants = new ArrayList<>();

  /** One variant: file, profile and signature. */
  static final class VariantArgs {
    @Option(names = "--variant", required = true, paramLabel = "FILE", description = "GGUF file.")
    Path file = Path.of("");

    @Option(names = "--profile", required = true, description = "Hardware profile name.")
    String profile = "";

    @Option(
        names = "--signature",
        required = true,
        paramLabel = "SIG",
        description = "OMS signature bundle of the file (modelfleet sign).")
    Path signature = Path.of("");
  }

  @Override
  public Integer call() throws Exception {
    if (retries < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--retries must be >= 0.");
    }
    for (VariantArgs v : variants) {
      if (!Files.isRegularFile(v.file)) {
        throw new NoSuchFileException(v.file.toString());
      }
      if (!Files.isRegularFile(v.signature)) {
        throw new NoSuchFileException(v.signature.toString());
      }
    }
    RegistryClient client = registry.client();
    PrintWriter err = spec.commandLine().getErr();
    ensureRelease(client, err);
    JsonArray.Builder published = JsonArray.builder();
    for (VariantArgs v : variants) {
      published.add(upload(client, v, err));
    }
    JsonObject.Builder result =
        JsonObject.builder()
            .put("model", model)
            .put("release", release)
            .put("variants", published.build());
    if (channel != null) {
      String c = channel;
      client.put(
          "/api/v1/models/" + RegistryClient.path(model) + "/channels/" + RegistryClient.path(c),
          JsonObject.builder().put("version", release).build());
      result.put("channel", c);
      err.println("Channel " + c + " now points at " + model + " " + release);
    }
    PrintWriter out = spec.commandLine().getOut();
    JsonObject summary = result.build();
    if (registry.json) {
      out.println(summary.toJson());
    } else {
      for (JsonObject v : summary.getArray("variants").objects()) {
        out.println(
            "Published "
                + model
                + " "
                + release
                + " for "
                + JsonViews.text(v, "profile")
                + ": "
                + JsonViews.text(v, "fileName")
                + " sha256 "
                + JsonViews.text(v, "sha256")
                + " ("
                + JsonViews.text(v, "quantType")
                + ", "
                + JsonViews.text(v, "architecture")
                + ")");
      }
    }
    return 0;
  }

  private void ensureRelease(RegistryClient client, PrintWriter err) throws IOException {
    String path = "/api/v1/models/" + RegistryClient.path(model) + "/releases";
    try {
      client.get(path + "/" + RegistryClient.path(release));
      if (validation != null || notes != null || releaseNumber != null) {
        err.println(
            "Release "
                + release
                + " exists already; --validation, --notes and --release-number apply only to new"
                + " releases.");
      }
      return;
    } catch (RegistryClient.Refused e) {
      if (!e.code().equals("RELEASE_NOT_FOUND")) {
        throw e;
      }
    }
    JsonObject.Builder body = JsonObject.builder().put("version", release);
    if (releaseNumber != null) {
      body.put("releaseNumber", releaseNumber);
    }
    if (notes != null) {
      body.put("notes", notes);
    }
    Path spec = validation;
    if (spec != null) {
      try {
        body.put("validation", Json.parseObject(Files.readAllBytes(spec)));
      } catch (JsonException e) {
        throw new CommandFailedException("validation spec " + spec + ": " + e.getMessage(), e);
      }
    }
    JsonObject created = client.post(path, body.build()).object();
    err.println(
        "Created release "
            + release
            + " (number "
            + JsonViews.text(created, "releaseNumber")
            + ")");
  }

  private JsonObject upload(RegistryClient client, VariantArgs v, PrintWriter err)
      throws IOException {
    long size = Files.size(v.file);
    String name = v.file.getFileName().toString();
    String signature = Files.readString(v.signature, StandardCharsets.UTF_8);
    err.println("Hashing " + v.file + " ...");
    String sha256 = sha256(v.file);
    JsonObject session =
        client
            .post(
                "/api/v1/uploads",
                JsonObject.builder()
                    .put("model", model)
                    .put("release", release)
                    .put("profile", v.profile)
                    .put("fileName", name)
                    .put("size", size)
                    .put("sha256", sha256)
                    .build())
            .object();
    String id = session.getString("id");
    long offset = JsonViews.number(session, "offset");
    long chunk = chunkSize != null ? chunkSize : JsonViews.number(session, "recommendedChunkSize");
    if (chunk <= 0) {
      chunk = 64L << 20;
    }
    if (offset > 0) {
      err.println("Resuming upload " + id + " at " + mib(offset) + " of " + mib(size));
    }
    Progress progress = new Progress(err, name, size, offset);
    int failures = 0;
    while (offset < size) {
      long length = Math.min(chunk, size - offset);
      try {
        long start = offset;
        JsonObject after =
            client
                .putStream(
                    "/api/v1/uploads/" + id, start, length, () -> slice(v.file, start, length))
                .object();
        offset = JsonViews.number(after, "offset");
        failures = 0;
        progress.at(offset);
      } catch (IOException | UncheckedIOException e) {
        if (++failures > retries) {
          throw new CommandFailedException(
              "upload of "
                  + name
                  + " failed after "
                  + retries
                  + " retries at "
                  + mib(offset)
                  + "; run the same command again to resume",
              e);
        }
        err.println("Connection dropped (" + e.getMessage() + "); resuming ...");
        backoff(failures);
        offset = JsonViews.number(client.get("/api/v1/uploads/" + id).object(), "offset");
      } catch (RegistryClient.Refused e) {
        if (!e.code().equals("UPLOAD_OFFSET_MISMATCH")) {
          throw e;
        }
        offset = JsonViews.number(client.get("/api/v1/uploads/" + id).object(), "offset");
      }
    }
    err.println("Verifying " + name + " on the registry (GGUF structure, publisher signature) ...");
    JsonObject variant =
        client
            .post(
                "/api/v1/uploads/" + id + "/commit",
                JsonObject.builder().put("signatureBundle", signature).build())
            .object();
    return variant;
  }

  private static InputStream slice(Path file, long offset, long length) {
    try {
      FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
      ch.position(offset);
      InputStream in = Channels.newInputStream(ch);
      return new InputStream() {
        long remaining = length;

        @Override
        public int read() throws IOException {
          if (remaining <= 0) {
            return -1;
          }
          int b = in.read();
          if (b >= 0) {
            remaining--;
          }
          return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
          if (remaining <= 0) {
            return -1;
          }
          int n = in.read(buf, off, (int) Math.min(len, remaining));
          if (n > 0) {
            remaining -= n;
          }
          return n;
        }

        @Override
        public void close() throws IOException {
          in.close();
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void backoff(int attempt) {
    try {
      Thread.sleep(Math.min(30_000L, 500L * (1L << Math.min(attempt, 6))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException("interrupted", e);
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 20];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        sha.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  /** Upload progress on stderr: percent, bytes and rate, once per chunk. */
  static final class Progress {
    private final PrintWriter err;
    private final String name;
    private final long size;
    private final long startOffset;
    private final long startNanos = System.nanoTime();

    Progress(PrintWriter err, String name, long size, long startOffset) {
      this.err = err;
      this.name = name;
      this.size = size;
      this.startOffset = startOffset;
    }

    void at(long offset) {
      double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
      double rate = (offset - startOffset) / 1048576.0 / seconds;
      err.println(
          String.format(
              Locale.ROOT,
              "Uploading %s: %3d%% (%s of %s, %.1f MiB/s)",
              name,
              size == 0 ? 100 : (int) (offset * 100 / size),
              mib(offset),
              mib(size),
              rate));
      err.flush();
    }
  }
}
