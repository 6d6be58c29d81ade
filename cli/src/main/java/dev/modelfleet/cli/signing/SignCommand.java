package dev.modelfleet.cli.signing;

import dev.modelfleet.cli.common.CommandFailedException;
import dev.modelfleet.cli.common.KeyFiles;
import dev.modelfleet.cli.common.OutputFiles;
import dev.modelfleet.signing.CertificateChain;
import dev.modelfleet.signing.KeyFormatException;
import dev.modelfleet.signing.Signer;
import dev.modelfleet.signing.SigningException;
import dev.modelfleet.signing.SigningKey;
import dev.modelfleet.signing.oms.ModelSigner;
import dev.modelfleet.signing.oms.OmsBundle;
import dev.modelfleet.signing.oms.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modelfleet sign}: an OMS v1.0 signature bundle for a model file or directory. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Sign a model file or directory with an OpenSSF Model Signing v1.0 bundle.",
      "Without --certificate-chain the bundle uses the 'key' method; with it, 'certificate'."
    })
public final class SignCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "KEY.pem",
      description = "ECDSA P-256/P-384 private key (PEM).")
  Path key = Path.of("");

  @Option(
      names = "--certificate-chain",
      paramLabel = "CHAIN.pem",
      description = "The key's certificate followed by its intermediates (PEM).")
  @Nullable Path certificateChain;

  @Option(
      names = "--ignore-paths",
      split = ",",
      paramLabel = "P",
      description = "Paths to leave out (relative to the working directory, or absolute).")
  List<Path> ignorePaths = new ArrayList<>();

  @Option(
      names = "--out",
      required = true,
      paramLabel = "model.sig",
      description = "Signature bundle to write.")
  Path out = Path.of("");

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description = "The private key's password is in environment variable VAR.")
  @Nullable String passwordEnv;

  @Option(
      names = "--serialization",
      paramLabel = "METHOD",
      description =
          "files (one digest per file) or shards (default: digests of --shard-size ranges, hashed in parallel).")
  String serialization = "shards";

  @Option(
      names = "--shard-size",
      paramLabel = "BYTES",
      description = "Shard size for --serialization shards (default ${DEFAULT-VALUE}).")
  long shardSize = Serialization.DEFAULT_SHARD_SIZE;

  @Option(
      names = "--allow-symlinks",
      description = "Follow symbolic links to regular files instead of refusing them.")
  boolean allowSymlinks;

  @Parameters(index = "0", paramLabel = "PATH", description = "Model file or directory.")
  Path model = Path.of("");

  @Override
  public Integer call() throws Exception {
    Serialization s;
    switch (serialization) {
      case "files" -> s = Serialization.files();
      case "shards" -> {
        if (shardSize < 1) {
          throw new CommandLine.ParameterException(
              spec.commandLine(), "--shard-size must be positive.");
        }
        s = Serialization.shards(shardSize);
      }
      default ->
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              "Unknown --serialization '" + serialization + "': use files or shards.");
    }
    s = new Serialization(s.method(), s.shardSize(), allowSymlinks, List.of());
    if (!Files.exists(model)) {
      throw new java.nio.file.NoSuchFileException(model.toString());
    }
    if (Files.exists(out) && Files.isSameFile(out, model)) {
      // The bundle would be written over the model it signs.
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--out names the model itself; the bundle needs a file of its own.");
    }
    SigningKey signingKey = KeyFiles.signingKey(spec.commandLine(), key, passwordEnv);
    ModelSigner.Builder b;
    try {
      b = ModelSigner.builder(Signer.of(signingKey));
    } catch (IllegalArgumentException e) {
      throw new CommandFailedException("cannot sign with " + key + ": " + e.getMessage(), e);
    }
    b.serialization(s).ignorePaths(CliFiles.modelRelative(model, ignorePaths));
    if (certificateChain != null) {
      try {
        b.certificateChain(
            CertificateChain.fromPem(KeyFiles.readPem(certificateChain, "certificate chain")));
      } catch (KeyFormatException | IllegalArgumentException e) {
        throw new CommandFailedException(
            "cannot use certificate chain " + certificateChain + ": " + e.getMessage(), e);
      }
    }
    OmsBundle bundle;
    try {
      bundle = b.build().sign(model, out);
    } catch (SigningException e) {
      throw new CommandFailedException("signing failed: " + e.getMessage(), e);
    }
    OutputFiles.writeAtomically(out, bundle.toBytes(), false, true);
    spec.commandLine()
        .getOut()
        .println(
            "Signed "
                + model
                + " ("
                + bundle.method().name().toLowerCase(java.util.Locale.ROOT)
                + " method, key "
                + signingKey.verificationKey().keyId()
                + ") into "
                + out);
    return 0;
  }
}
