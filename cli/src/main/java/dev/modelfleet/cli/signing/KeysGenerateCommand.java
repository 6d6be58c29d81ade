package dev.modelfleet.cli.signing;

import dev.modelfleet.cli.common.KeyFiles;
import dev.modelfleet.cli.common.OutputFiles;
import dev.modelfleet.signing.KeyAlgorithm;
import dev.modelfleet.signing.SigningKey;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modelfleet keys generate}: a new ECDSA P-256/P-384 or Ed25519 key pair as PEM. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a private key (PKCS#8 PEM, mode 600) and optionally its public key (SPKI PEM).",
      "ecdsa-p256 and ecdsa-p384 sign models (OMS 'key' method); ed25519 signs repository metadata."
    })
public final class KeysGenerateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--algorithm",
      required = true,
      paramLabel = "ALG",
      description = "ecdsa-p256, ecdsa-p384 or ed25519.")
  String algorithm = "";

  @Option(
      names = "--out",
      required = true,
      paramLabel = "KEY.pem",
      description = "Private key file to create.")
  Path out = Path.of("");

  @Option(
      names = "--public-out",
      paramLabel = "PUB.pem",
      description = "Public key file to create.")
  @Nullable Path publicOut;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description = "Encrypt the private key with the password in environment variable VAR.")
  @Nullable String passwordEnv;

  @Option(names = "--force", description = "Overwrite existing files.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    KeyAlgorithm alg =
        KeyAlgorithm.fromId(algorithm)
            .orElseThrow(
                () ->
                    new CommandLine.ParameterException(
                        spec.commandLine(),
                        "Unknown --algorithm '"
                            + algorithm
                            + "': use ecdsa-p256, ecdsa-p384 or ed25519."));
    char[] password =
        passwordEnv == null ? null : KeyFiles.password(spec.commandLine(), passwordEnv);
    if (publicOut != null
        && publicOut.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--out and --public-out must be different files.");
    }
    if (!force) {
      for (Path p :
          publicOut == null ? java.util.List.of(out) : java.util.List.of(out, publicOut)) {
        if (java.nio.file.Files.exists(p)) {
          throw new java.nio.file.FileAlreadyExistsException(p.toString());
        }
      }
    }
    SecureRandom random = new SecureRandom();
    SigningKey key = SigningKey.generate(alg, random);
    String pem = password == null ? key.toPem() : key.toEncryptedPem(password, random);
    OutputFiles.writeAtomically(out, pem.getBytes(StandardCharsets.US_ASCII), true, force);
    if (publicOut != null) {
      OutputFiles.writeAtomically(
          publicOut,
          key.verificationKey().toPem().getBytes(StandardCharsets.US_ASCII),
          false,
          force);
    }
    PrintWriter o = spec.commandLine().getOut();
    o.println(alg.id() + " key " + key.verificationKey().keyId() + " written to " + out);
    return 0;
  }
}
