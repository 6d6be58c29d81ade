package dev.modelfleet.cli.registry;

import dev.modelfleet.cli.common.CommandFailedException;
import dev.modelfleet.cli.common.KeyFiles;
import dev.modelfleet.signing.Signer;
import dev.modelfleet.signing.SigningException;
import dev.modelfleet.signing.SigningKey;
import dev.modelfleet.signing.VerificationException;
import dev.modelfleet.signing.json.JsonObject;
import dev.modelfleet.signing.metadata.MetadataSigner;
import dev.modelfleet.signing.metadata.Role;
import dev.modelfleet.signing.metadata.TargetEntry;
import dev.modelfleet.signing.metadata.TargetsMetadata;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modelfleet targets sign}: the publisher's offline signature of pending targets. */
@Command(
    name = "targets",
    mixinStandardHelpOptions = true,
    description = "Sign targets metadata offline (models with targetsSigning PUBLISHER).",
    subcommands = {TargetsCommand.Sign.class})
public final class TargetsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a targets command.");
  }

  @Command(
      name = "sign",
      mixinStandardHelpOptions = true,
      description = {
        "Sign a model's pending targets metadata with a publisher key and upload it.",
        "For models with targetsSigning PUBLISHER (docs/adr/0008-targets-signing.md), the"
            + " registry prepares new targets after every catalog change and serves them only"
            + " once signed. Shows what will be signed (version, expiry, each target's path and"
            + " SHA-256) on stderr and asks before signing unless --yes. Refuses a document that"
            + " is not targets metadata of this model or has expired."
      })
  static final class Sign implements Callable<Integer> {
    /** How much of a SHA-256 the summary shows. */
    static final int SHA256_PREFIX = 16;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin RegistryOptions registry = new RegistryOptions();

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "Model name.")
    String model = "";

    @Option(
        names = "--key",
        required = true,
        paramLabel = "KEY.pem",
        description =
            "A private key (PEM) whose public key is an active publisher key of the model.")
    Path key = Path.of("");

    @Option(
        names = "--password-env",
        paramLabel = "VAR",
        description = "The private key's password is in environment variable VAR.")
    @Nullable String passwordEnv;

    @Option(names = "--yes", description = "Sign without asking for confirmation.")
    boolean yes;

    @Override
    public Integer call() throws Exception {
      SigningKey signingKey = KeyFiles.signingKey(spec.commandLine(), key, passwordEnv);
      String keyId = signingKey.verificationKey().keyId();
      RegistryClient client = registry.client();
      String base = "/api/v1/models/" + RegistryClient.path(model);
      requirePublisherSignedWithKey(client.get(base).object(), keyId);

      JsonObject pending;
      try {
        pending = client.get(base + "/metadata/targets/pending").object();
      } catch (RegistryClient.Refused e) {
        if (e.status() == 404 && e.code().equals("METADATA_NOT_FOUND")) {
          throw new CommandFailedException(
              "nothing to sign: model "
                  + model
                  + " has no targets waiting for a signature (the served targets are current)");
        }
        throw e;
      }
      TargetsMetadata targets = pendingTargets(model, pending, Clock.systemUTC().instant());

      PrintWriter err = spec.commandLine().getErr();
      summarize(targets, keyId, err);
      if (!yes) {
        confirm(targets.version(), err);
      }
      byte[] envelope;
      try {
        envelope = MetadataSigner.sign(targets, List.of(Signer.of(signingKey)));
      } catch (SigningException e) {
        throw new CommandFailedException("signing failed: " + e.getMessage(), e);
      }
      try {
        client.putJsonBytes(base + "/metadata/targets.json", envelope);
      } catch (RegistryClient.Refused e) {
        if (e.status() == 409) {
          throw new CommandFailedException(
              "the pending targets of model "
                  + model
                  + " changed while signing ("
                  + e.getMessage()
                  + "); run the command again to review and sign the new ones",
              e);
        }
        throw e;
      }

      PrintWriter out = spec.commandLine().getOut();
      if (registry.json) {
        out.println(
            JsonObject.builder()
                .put("model", model)
                .put("targetsVersion", targets.version())
                .put("expires", targets.expires().toString())
                .put("targets", targets.targets().size())
                .put("keyId", keyId)
                .build()
                .toJson());
      } else {
        out.println(
            "Signed targets version "
                + targets.version()
                + " of model "
                + model
                + " with key "
                + keyId
                + "; the registry now serves it.");
      }
      return 0;
    }

    /** Fails unless the model's targets are publisher-signed and {@code keyId} may sign them. */
    private void requirePublisherSignedWithKey(JsonObject view, String keyId) {
      String mode = JsonViews.text(view, "targetsSigning");
      if (!mode.equals("PUBLISHER")) {
        throw new CommandFailedException(
            "model "
                + model
                + " has its targets signed by the registry (targetsSigning "
                + mode
                + "), so there is nothing for a publisher to sign");
      }
      for (JsonObject k : JsonViews.array(view, "publisherKeys").objects()) {
        if (JsonViews.text(k, "keyId").equals(keyId) && JsonViews.find(k, "revokedAt").isEmpty()) {
          return;
        }
      }
      throw new CommandFailedException(
          "key "
              + key
              + " (key id "
              + keyId
              + ") is not an active publisher key of model "
              + model
              + ", so the registry would refuse its signature");
    }

    /**
     * The pending document as the registry answers it ({@code version}, {@code expires}, {@code
     * payloadType}, base64 {@code payload}), refused unless it is unexpired targets metadata of
     * {@code model}.
     */
    static TargetsMetadata pendingTargets(String model, JsonObject pending, Instant now) {
      String payloadType = JsonViews.text(pending, "payloadType");
      if (!payloadType.equals(Role.TARGETS.payloadType())) {
        throw refuse(model, "its payload type is \"" + payloadType + "\", not targets metadata");
      }
      byte[] payload;
      try {
        payload = Base64.getDecoder().decode(JsonViews.text(pending, "payload"));
      } catch (IllegalArgumentException e) {
        throw refuse(model, "its payload is not base64 (" + e.getMessage() + ")");
      }
      TargetsMetadata targets;
      try {
        if (!(MetadataSigner.parsePayload(Role.TARGETS, payload) instanceof TargetsMetadata t)) {
          throw refuse(model, "it is not targets metadata");
        }
        targets = t;
      } catch (VerificationException e) {
        throw refuse(model, "it is not valid targets metadata: " + e.getMessage());
      }
      long announced = JsonViews.number(pending, "version");
      if (announced != targets.version()) {
        throw refuse(
            model,
            "the registry announced version "
                + announced
                + " but the payload is version "
                + targets.version());
      }
      for (TargetEntry t : targets.targets().values()) {
        if (!t.info().model().equals(model)) {
          throw refuse(
              model,
              "target "
                  + t.name()
                  + " belongs to model \""
                  + t.info().model()
                  + "\", not "
                  + model);
        }
      }
      if (!now.isBefore(targets.expires())) {
        throw refuse(model, "it expired at " + targets.expires());
      }
      return targets;
    }

    private static CommandFailedException refuse(String model, String why) {
      return new CommandFailedException(
          "refusing to sign the pending targets of model " + model + ": " + why);
    }

    private void summarize(TargetsMetadata targets, String keyId, PrintWriter err) {
      err.println(
          "Pending targets of model "
              + model
              + ": version "
              + targets.version()
              + ", expires "
              + targets.expires()
              + ", "
              + targets.targets().size()
              + " target(s)");
      for (TargetEntry t : targets.targets().values()) {
        err.println(
            "  "
                + t.name()
                + "  sha256 "
                + t.sha256().substring(0, SHA256_PREFIX)
                + "…  "
                + PublishCommand.mib(t.length()));
      }
      err.println("Signing key: " + keyId);
      err.flush();
    }

    /**
     * Asks on stderr, reads the answer from stdin: anything but y or yes (or no input) declines.
     */
    private void confirm(long version, PrintWriter err) throws IOException {
      err.print("Sign and upload targets version " + version + "? [y/N] ");
      err.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      @Nullable String answer = in.readLine();
      if (answer == null
          || !List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT))) {
        throw new CommandFailedException(
            "not signed: not confirmed (answer y, or pass --yes to sign without asking)");
      }
    }
  }
}
