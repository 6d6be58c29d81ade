package dev.modelfleet.signing.oms;

import dev.modelfleet.signing.CertificateChain;
import dev.modelfleet.signing.KeyAlgorithm;
import dev.modelfleet.signing.KeyFormatException;
import dev.modelfleet.signing.Signer;
import dev.modelfleet.signing.SigningException;
import dev.modelfleet.signing.VerificationException;
import dev.modelfleet.signing.hashing.HashListener;
import dev.modelfleet.signing.internal.Base64s;
import dev.modelfleet.signing.internal.Dsse;
import dev.modelfleet.signing.json.CanonicalJson;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonArray;
import dev.modelfleet.signing.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Signs a model file or directory into an OMS bundle. Immutable and thread-safe; build one with
 * {@link #builder(Signer)}.
 *
 * <pre>{@code
 * OmsBundle bundle = ModelSigner.builder(Signer.of(key)).build().sign(modelDir, sigFile);
 * Files.write(sigFile, bundle.toBytes());
 * }</pre>
 */
public final class ModelSigner {
  private final Signer signer;
  private final @Nullable CertificateChain chain;
  private final Serialization serialization;
  private final List<String> ignorePaths;
  private final int parallelism;
  private final HashListener listener;

  private ModelSigner(Builder b) {
    this.signer = b.signer;
    this.chain = b.chain;
    this.serialization = b.serialization;
    this.ignorePaths = List.copyOf(b.ignorePaths);
    this.parallelism = b.parallelism;
    this.listener = b.listener;
  }

  /**
   * A builder signing with {@code signer} by the {@code key} method.
   *
   * @throws IllegalArgumentException if the signer's key is not ECDSA P-256 or P-384
   */
  public static Builder builder(Signer signer) {
    return new Builder(signer);
  }

  /**
   * Signs {@code model}.
   *
   * @throws IOException if the model cannot be read
   * @throws SigningException if the model is empty or has an unsafe path (symbolic link, special
   *     file), or the signer fails
   */
  public OmsBundle sign(Path model) throws IOException, SigningException {
    return sign(model, null);
  }

  /**
   * Signs {@code model}, excluding {@code signatureFile} when it lies inside the model directory
   * (the exclusion is recorded in the bundle's ignore paths).
   *
   * @throws IOException if the model cannot be read
   * @throws SigningException if the model is empty or has an unsafe path, or the signer fails
   */
  public OmsBundle sign(Path model, @Nullable Path signatureFile)
      throws IOException, SigningException {
    Set<String> ignores = new LinkedHashSet<>();
    boolean directory = Files.isDirectory(model);
    if (directory) {
      ignores.addAll(PathRules.DEFAULT_IGNORES);
      ignores.addAll(ignorePaths);
      relativeInside(model, signatureFile).ifPresent(ignores::add);
    }
    List<ModelFile> files;
    try {
      files = ModelTree.files(model, ignores, serialization.allowSymlinks());
    } catch (VerificationException e) {
      throw new SigningException(String.valueOf(e.getMessage()), e);
    }
    List<Hashing.Named> plan = Hashing.plan(files, serialization);
    if (plan.isEmpty()) {
      throw new SigningException("nothing to sign: " + model + " has no non-empty regular file");
    }
    List<Resource> resources = Hashing.hash(plan, parallelism, listener);
    Serialization recorded =
        new Serialization(
            serialization.method(),
            serialization.shardSize(),
            serialization.allowSymlinks(),
            new ArrayList<>(ignores));
    Path fileName = model.toAbsolutePath().normalize().getFileName();
    String subjectName = fileName == null ? "model" : fileName.toString();
    JsonObject statement = Statements.build(subjectName, resources, recorded);
    byte[] payload = CanonicalJson.encode(statement);
    byte[] signature = signer.sign(Dsse.pae(OmsBundle.PAYLOAD_TYPE, payload));

    JsonObject.Builder material = JsonObject.builder();
    if (chain != null) {
      JsonArray.Builder certs = JsonArray.builder();
      for (byte[] der : chain.encoded()) {
        certs.add(JsonObject.builder().put("rawBytes", Base64s.encode(der)).build());
      }
      material.put(
          "x509CertificateChain", JsonObject.builder().put("certificates", certs.build()).build());
    } else {
      material.put(
          "publicKey",
          JsonObject.builder().put("hint", signer.verificationKey().omsHint()).build());
    }
    JsonObject bundle =
        JsonObject.builder()
            .put("mediaType", OmsBundle.MEDIA_TYPE)
            .put("verificationMaterial", material.build())
            .put(
                "dsseEnvelope",
                JsonObject.builder()
                    .put("payload", Base64s.encode(payload))
                    .put("payloadType", OmsBundle.PAYLOAD_TYPE)
                    .put(
                        "signatures",
                        JsonArray.of(
                            JsonObject.builder().put("sig", Base64s.encode(signature)).build()))
                    .build())
            .build();
    return OmsBundle.created((Json.writePretty(bundle) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** {@code file}'s path relative to directory {@code model}, if it lies inside it. */
  static Optional<String> relativeInside(Path model, @Nullable Path file) {
    if (file == null) {
      return Optional.empty();
    }
    Path root = model.toAbsolutePath().normalize();
    Path f = file.toAbsolutePath().normalize();
    if (!f.startsWith(root) || f.equals(root)) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder();
    for (Path seg : root.relativize(f)) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(seg);
    }
    return Optional.of(sb.toString());
  }

  /** Configures a {@link ModelSigner}. */
  public static final class Builder {
    private final Signer signer;
    private @Nullable CertificateChain chain;
    private Serialization serialization = Serialization.shards(Serialization.DEFAULT_SHARD_SIZE);
    private List<String> ignorePaths = List.of();
    private int parallelism = Runtime.getRuntime().availableProcessors();
    private HashListener listener = HashListener.NONE;

    private Builder(Signer signer) {
      this.signer = Objects.requireNonNull(signer, "signer");
      if (signer.verificationKey().algorithm() == KeyAlgorithm.ED25519) {
        // The OMS reference implementation verifies ECDSA keys only; stay interoperable.
        throw new IllegalArgumentException(
            "OMS signatures need an ECDSA P-256 or P-384 key, not ed25519");
      }
    }

    /**
     * Signs by the {@code certificate} method with this chain (leaf first); the leaf's key must be
     * the signer's.
     *
     * @throws IllegalArgumentException if the leaf certificate is for another key
     */
    public Builder certificateChain(CertificateChain chain) {
      try {
        if (!chain.leafKey().equals(signer.verificationKey())) {
          throw new IllegalArgumentException(
              "the leaf certificate's public key does not match the signing key");
        }
      } catch (KeyFormatException e) {
        throw new IllegalArgumentException(
            "unsupported leaf certificate key: " + e.getMessage(), e);
      }
      this.chain = chain;
      return this;
    }

    /** How to hash; default {@code shards} of 10^9 bytes (parallel within large files). */
    public Builder serialization(Serialization serialization) {
      this.serialization = Objects.requireNonNull(serialization, "serialization");
      return this;
    }

    /**
     * Model-relative POSIX paths to exclude (with their subtrees), in addition to {@code .git},
     * {@code .gitattributes}, {@code .github} and {@code .gitignore}.
     *
     * @throws IllegalArgumentException if a path is absolute, has {@code ..}, a backslash or an
     *     empty segment
     */
    public Builder ignorePaths(List<String> paths) {
      for (String p : paths) {
        PathRules.problem(p)
            .ifPresent(
                problem -> {
                  throw new IllegalArgumentException(
                      "invalid ignore path \"" + p + "\": " + problem);
                });
      }
      this.ignorePaths = List.copyOf(paths);
      return this;
    }

    /** Hashing threads; default: available processors. */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    public Builder listener(HashListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public ModelSigner build() {
      return new ModelSigner(this);
    }
  }
}
