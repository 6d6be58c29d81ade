package dev.modelfleet.cli.signing;

import dev.modelfleet.cli.common.CommandFailedException;
import dev.modelfleet.cli.common.KeyFiles;
import dev.modelfleet.signing.KeyFormatException;
import dev.modelfleet.signing.TrustedCertificates;
import dev.modelfleet.signing.VerificationException;
import dev.modelfleet.signing.VerificationKey;
import dev.modelfleet.signing.oms.ModelVerifier;
import dev.modelfleet.signing.oms.OmsBundle;
import dev.modelfleet.signing.oms.VerifiedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code modelfleet verify}: exit 0 when the model matches a valid signature by a trusted key or
 * chain, 1 (stderr naming the failed check) when not, 2 on usage errors.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify a model file or directory against an OpenSSF Model Signing v1.0 bundle.",
      "Exit status: 0 verified, 1 not verified (stderr names the failed check), 2 usage error."
    })
public final class VerifyCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--signature",
      required = true,
      paramLabel = "model.sig",
      description = "The signature bundle.")
  Path signature = Path.of("");

  @ArgGroup(exclusive = true, multiplicity = "1")
  Trust trust = new Trust();

  /** Exactly one source of trust. */
  static final class Trust {
    @Option(
        names = "--public-key",
        paramLabel = "PUB.pem",
        description = "Trusted public key ('key' method).")
    @Nullable Path publicKey;

    @Option(
        names = "--certificate-chain",
        paramLabel = "ROOT.pem",
        description = "Trusted root certificate(s) ('certificate' method).")
    @Nullable Path certificateChain;

    @Option(
        names = "--sigstore-roots",
        paramLabel = "FULCIO.pem",
        description =
            "Trusted Fulcio CA certificates ('sigstore' method, verified offline: see docs/security.md).")
    @Nullable Path sigstoreRoots;
  }

  @Option(
      names = "--rekor-key",
      paramLabel = "REKOR.pem",
      description =
          "With --sigstore-roots: trusted Rekor log key; its signed entry timestamp must verify.")
  @Nullable Path rekorKey;

  @Option(
      names = "--ignore-paths",
      split = ",",
      paramLabel = "P",
      description = "Paths to leave out (relative to the working directory, or absolute).")
  List<Path> ignorePaths = new ArrayList<>();

  @Option(
      names = "--ignore-unsigned-files",
      description = "Accept files the signature does not cover.")
  boolean ignoreUnsignedFiles;

  @Parameters(index = "0", paramLabel = "PATH", description = "Model file or directory.")
  Path model = Path.of("");

  @Override
  public Integer call() throws Exception {
    if (!Files.exists(model)) {
      throw new java.nio.file.NoSuchFileException(model.toString());
    }
    if (rekorKey != null && trust.sigstoreRoots == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--rekor-key needs --sigstore-roots.");
    }
    ModelVerifier.Builder b;
    try {
      if (trust.publicKey != null) {
        b =
            ModelVerifier.forKeys(
                List.of(VerificationKey.fromPem(KeyFiles.readPem(trust.publicKey, "public key"))));
      } else if (trust.certificateChain != null) {
        b =
            ModelVerifier.forCertificates(
                TrustedCertificates.fromPem(
                    KeyFiles.readPem(trust.certificateChain, "certificate file")));
      } else {
        Path roots = java.util.Objects.requireNonNull(trust.sigstoreRoots);
        b =
            ModelVerifier.forSigstore(
                TrustedCertificates.fromPem(KeyFiles.readPem(roots, "certificate file")));
      }
    } catch (KeyFormatException e) {
      throw new CommandFailedException("cannot load trust material: " + e.getMessage(), e);
    }
    b.ignorePaths(CliFiles.modelRelative(model, ignorePaths))
        .ignoreUnsignedFiles(ignoreUnsignedFiles);
    VerifiedModel v;
    try {
      OmsBundle bundle =
          OmsBundle.parse(KeyFiles.readBounded(signature, OmsBundle.MAX_BYTES, "signature"));
      v = b.build().verify(model, bundle, signature);
    } catch (VerificationException e) {
      throw new CommandFailedException("verification failed: " + e.getMessage(), e);
    }
    spec.commandLine()
        .getOut()
        .println(
            "Verified "
                + model
                + ": "
                + v.resources().size()
                + " signed resource(s), "
                + v.method().name().toLowerCase(Locale.ROOT)
                + " method, signer "
                + v.signer());
    return 0;
  }
}
