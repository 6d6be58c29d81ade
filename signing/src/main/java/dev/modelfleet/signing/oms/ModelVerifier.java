package dev.modelfleet.signing.oms;

import dev.modelfleet.signing.CertificateChain;
import dev.modelfleet.signing.KeyFormatException;
import dev.modelfleet.signing.TrustedCertificates;
import dev.modelfleet.signing.VerificationException;
import dev.modelfleet.signing.VerificationException.Failure;
import dev.modelfleet.signing.VerificationKey;
import dev.modelfleet.signing.hashing.HashListener;
import dev.modelfleet.signing.internal.Dsse;
import dev.modelfleet.signing.oms.Statements.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies OMS bundles against models on disk. Verification fails closed: {@link #verify} returns
 * normally only when the signature is valid for a trusted key or chain and every file matches;
 * otherwise it throws {@link VerificationException} naming the failed check.
 *
 * <p>Order of checks: bundle structure; statement and predicate type (parsed from the exact payload
 * bytes, nothing trusted yet); signer identity (key hint, or certificate chain); the DSSE signature
 * over the pre-authentication encoding of those exact bytes; then the model's files.
 */
public final class ModelVerifier {
  private final SigningMethod method;
  private final List<VerificationKey> keys;
  private final @Nullable TrustedCertificates roots;
  private final List<VerificationKey> rekorKeys;
  private final List<String> ignorePaths;
  private final boolean ignoreUnsignedFiles;
  private final Clock clock;
  private final int parallelism;
  private final HashListener listener;

  private ModelVerifier(Builder b) {
    this.method = b.method;
    this.keys = List.copyOf(b.keys);
    this.roots = b.roots;
    this.rekorKeys = List.copyOf(b.rekorKeys);
    this.ignorePaths = List.copyOf(b.ignorePaths);
    this.ignoreUnsignedFiles = b.ignoreUnsignedFiles;
    this.clock = b.clock;
    this.parallelism = b.parallelism;
    this.listener = b.listener;
  }

  /** Verifies {@code key}-method bundles made by any of {@code keys} (chosen by the hint). */
  public static Builder forKeys(Collection<VerificationKey> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one public key is required");
    }
    return new Builder(SigningMethod.KEY, keys, null);
  }

  /** Verifies {@code certificate}-method bundles whose chain leads to one of {@code roots}. */
  public static Builder forCertificates(TrustedCertificates roots) {
    return new Builder(SigningMethod.CERTIFICATE, List.of(), Objects.requireNonNull(roots));
  }

  /**
   * Verifies {@code sigstore}-method bundles as far as possible offline: the Fulcio certificate
   * chain to {@code fulcioRoots} at the log entry's integration time, and the signature. With
   * {@link Builder#rekorKeys}, the entry's signed timestamp is verified and its body must record
   * this signature and certificate, which authenticates the integration time. Inclusion proofs,
   * certificate transparency and the signer's OIDC identity are not verified; see docs/security.md.
   */
  public static Builder forSigstore(TrustedCertificates fulcioRoots) {
    return new Builder(SigningMethod.SIGSTORE, List.of(), Objects.requireNonNull(fulcioRoots));
  }

  /**
   * Verifies the bundle's signature and statement without looking at files.
   *
   * @throws VerificationException if the bundle is malformed, unsupported, or not validly signed by
   *     a trusted signer
   */
  public VerifiedModel verifySignature(OmsBundle bundle) throws VerificationException {
    if (bundle.method() != method) {
      throw new VerificationException(
          Failure.UNSUPPORTED,
          "bundle uses the "
              + name(bundle.method())
              + " method but the verifier was given "
              + trustName(method));
    }
    Manifest m = Statements.parse(bundle.payloadBytes());
    String signer;
    VerificationKey key;
    switch (method) {
      case KEY -> {
        key = keyFor(bundle);
        signer = key.keyId();
      }
      case CERTIFICATE -> {
        CertificateChain chain = chain(bundle);
        key = chain.validate(Objects.requireNonNull(roots), clock.instant());
        signer = chain.leafSubject();
      }
      case SIGSTORE -> {
        CertificateChain chain = chain(bundle);
        Instant at =
            rekorKeys.isEmpty()
                ? bundle.claimedIntegratedTime().orElseThrow()
                : RekorEntries.verifiedIntegratedTime(
                    bundle, rekorKeys, bundle.certificates().get(0));
        key = chain.validate(Objects.requireNonNull(roots), at);
        signer = "Fulcio certificate (identity not checked)";
      }
      default -> throw new IllegalStateException("unknown method " + method);
    }
    byte[] pae = Dsse.pae(OmsBundle.PAYLOAD_TYPE, bundle.payloadBytes());
    boolean valid = false;
    for (byte[] sig : bundle.signatures()) {
      if (key.verify(pae, sig)) {
        valid = true;
        break;
      }
    }
    if (!valid) {
      throw new VerificationException(
          Failure.BAD_SIGNATURE, "bad signature: the DSSE signature does not verify with " + key);
    }
    if (!Statements.subjectDigest(m.resources()).equals(m.subjectDigest())) {
      throw new VerificationException(
          Failure.MALFORMED, "the statement's subject digest does not match its resources");
    }
    return new VerifiedModel(
        method, signer, m.subjectName(), m.subjectDigest(), m.serialization(), m.resources());
  }

  /**
   * Verifies the bundle and that {@code model} (a file or directory) holds exactly the signed files
   * with the signed content.
   *
   * @param signatureFile excluded from the model when it lies inside the model directory; may be
   *     null
   * @throws VerificationException naming the failed check
   * @throws IOException if the model cannot be read
   */
  public VerifiedModel verify(Path model, OmsBundle bundle, @Nullable Path signatureFile)
      throws VerificationException, IOException {
    VerifiedModel v = verifySignature(bundle);
    Serialization s = v.serialization();
    boolean directory =
        Files.isDirectory(model, LinkOption.NOFOLLOW_LINKS)
            || (s.allowSymlinks() && Files.isDirectory(model));
    Set<String> ignores = new LinkedHashSet<>();
    if (directory) {
      ignores.addAll(s.ignorePaths());
      ignores.addAll(ignorePaths);
      ModelSigner.relativeInside(model, signatureFile).ifPresent(ignores::add);
    }
    List<ModelFile> files = ModelTree.files(model, ignores, s.allowSymlinks());
    if (!directory) {
      files = List.of(renamedSingleFile(files.get(0), v));
    }
    List<Hashing.Named> plan = Hashing.plan(files, s);
    Map<String, String> signed = new HashMap<>();
    Set<String> signedPaths = new HashSet<>();
    for (Resource r : v.resources()) {
      signed.put(r.name(), r.digest());
      signedPaths.add(pathOf(r.name(), s));
    }
    Set<String> localPaths = new HashSet<>();
    for (ModelFile f : files) {
      localPaths.add(f.name());
    }
    // Cheap checks before hashing gigabytes.
    for (Resource r : v.resources()) {
      String path = pathOf(r.name(), s);
      if (!localPaths.contains(path)) {
        throw new VerificationException(
            Failure.MISSING_FILE, "signed file " + path + " is missing");
      }
    }
    List<Hashing.Named> toHash = new ArrayList<>();
    for (Hashing.Named n : plan) {
      String path = pathOf(n.name(), s);
      if (!signedPaths.contains(path)) {
        if (ignoreUnsignedFiles) {
          continue;
        }
        throw new VerificationException(
            Failure.UNSIGNED_FILE, "unsigned file " + path + " present");
      }
      if (!signed.containsKey(n.name())) {
        throw new VerificationException(
            Failure.DIGEST_MISMATCH, "digest mismatch for file " + path + " (its size changed)");
      }
      toHash.add(n);
    }
    Set<String> planned = new HashSet<>();
    for (Hashing.Named n : toHash) {
      planned.add(n.name());
    }
    for (Resource r : v.resources()) {
      if (!planned.contains(r.name())) {
        throw new VerificationException(
            Failure.DIGEST_MISMATCH,
            "digest mismatch for file " + pathOf(r.name(), s) + " (its size changed)");
      }
    }
    List<Resource> actual = Hashing.hash(toHash, parallelism, listener);
    for (Resource r : actual) {
      if (!r.digest().equals(signed.get(r.name()))) {
        throw new VerificationException(
            Failure.DIGEST_MISMATCH, "digest mismatch for file " + pathOf(r.name(), s));
      }
    }
    return v;
  }

  /**
   * A single-file model may be stored under another name than it was signed with (a device keeps it
   * in a slot): when the signature covers exactly one file, that file's name is used.
   */
  private static ModelFile renamedSingleFile(ModelFile f, VerifiedModel v) {
    Set<String> paths = new HashSet<>();
    for (Resource r : v.resources()) {
      paths.add(pathOf(r.name(), v.serialization()));
    }
    if (paths.size() == 1) {
      return new ModelFile(paths.iterator().next(), f.path(), f.size());
    }
    return f;
  }

  private static String pathOf(String name, Serialization s) {
    if (s.method() == Serialization.Method.SHARDS) {
      return PathRules.shard(name).map(PathRules.Shard::path).orElse(name);
    }
    return name;
  }

  private VerificationKey keyFor(OmsBundle bundle) throws VerificationException {
    if (bundle.keyHint().isPresent()) {
      String hint = bundle.keyHint().get();
      for (VerificationKey k : keys) {
        if (k.omsHint().equals(hint)) {
          return k;
        }
      }
      throw new VerificationException(
          Failure.UNKNOWN_KEY,
          "unknown key: the bundle's key hint " + hint + " matches none of the trusted keys");
    }
    byte[] raw = bundle.keyRawBytes().orElseThrow();
    for (VerificationKey k : keys) {
      if (Arrays.equals(k.spki(), raw)) {
        return k;
      }
    }
    throw new VerificationException(
        Failure.UNKNOWN_KEY, "unknown key: the bundle's public key is not a trusted key");
  }

  private static CertificateChain chain(OmsBundle bundle) throws VerificationException {
    try {
      return CertificateChain.fromDer(bundle.certificates());
    } catch (KeyFormatException e) {
      throw new VerificationException(
          Failure.MALFORMED, "bundle certificate: " + e.getMessage(), e);
    }
  }

  private static String name(SigningMethod m) {
    return switch (m) {
      case KEY -> "key";
      case CERTIFICATE -> "certificate";
      case SIGSTORE -> "sigstore";
    };
  }

  private static String trustName(SigningMethod m) {
    return switch (m) {
      case KEY -> "a public key";
      case CERTIFICATE -> "certificate roots";
      case SIGSTORE -> "Sigstore roots";
    };
  }

  /** Configures a {@link ModelVerifier}. */
  public static final class Builder {
    private final SigningMethod method;
    private final List<VerificationKey> keys;
    private final @Nullable TrustedCertificates roots;
    private List<VerificationKey> rekorKeys = List.of();
    private List<String> ignorePaths = List.of();
    private boolean ignoreUnsignedFiles;
    private Clock clock = Clock.systemUTC();
    private int parallelism = Runtime.getRuntime().availableProcessors();
    private HashListener listener = HashListener.NONE;

    private Builder(
        SigningMethod method,
        Collection<VerificationKey> keys,
        @Nullable TrustedCertificates roots) {
      this.method = method;
      this.keys = List.copyOf(keys);
      this.roots = roots;
    }

    /**
     * Extra model-relative paths to exclude, beyond those the bundle records.
     *
     * @throws IllegalArgumentException if a path is absolute, has {@code ..} or a backslash
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

    /**
     * Trusted Rekor log keys (for {@code sigstore} bundles): a log entry's signed entry timestamp
     * must verify with the key whose id is the entry's log id.
     *
     * @throws IllegalStateException if this verifier is not for the sigstore method
     */
    public Builder rekorKeys(Collection<VerificationKey> keys) {
      if (method != SigningMethod.SIGSTORE) {
        throw new IllegalStateException("Rekor keys apply to the sigstore method only");
      }
      this.rekorKeys = List.copyOf(keys);
      return this;
    }

    /** Accept files the signature does not cover (signed files are still all checked). */
    public Builder ignoreUnsignedFiles(boolean ignore) {
      this.ignoreUnsignedFiles = ignore;
      return this;
    }

    /** The clock for certificate validity; default system UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

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

    public ModelVerifier build() {
      return new ModelVerifier(this);
    }
  }
}
