package dev.modelfleet.signing.metadata;

import dev.modelfleet.signing.VerificationException;
import dev.modelfleet.signing.VerificationException.Failure;
import dev.modelfleet.signing.VerificationKey;
import dev.modelfleet.signing.hashing.FileDigests;
import dev.modelfleet.signing.internal.Sha;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The device side: metadata verified so far, updated in the TUF order root* → timestamp → snapshot
 * → targets → directive. Each update returns normally only when the document is signed by a
 * threshold of distinct keys of the trusted root, unexpired, not older than what was trusted before
 * ({@link VersionFloor}) and consistent with the document above it; otherwise it throws {@link
 * VerificationException} and the trusted state is unchanged.
 *
 * <p>Not thread-safe: one refresh at a time.
 */
public final class TrustedMetadata {
  /** Limits for documents whose length nothing signed declares. */
  public static final long MAX_ROOT_BYTES = 512 * 1024;

  public static final long MAX_TIMESTAMP_BYTES = 16 * 1024;
  public static final long MAX_DIRECTIVE_BYTES = 16 * 1024;

  private final Clock clock;
  private RootMetadata root;
  private VersionFloor floor;
  private @Nullable TimestampMetadata timestamp;
  private @Nullable SnapshotMetadata snapshot;
  private @Nullable TargetsMetadata targets;

  private TrustedMetadata(RootMetadata root, VersionFloor floor, Clock clock) {
    this.root = root;
    this.floor = floor;
    this.clock = clock;
  }

  /**
   * Starts from a root the device trusts out of band (shipped with it, or stored after the last
   * verified rotation). The root must be signed by its own threshold; it may be expired (a newer
   * root may follow), but {@link #updateTimestamp} refuses to continue under an expired root.
   *
   * @param floor versions trusted before (persisted by the device), or {@link VersionFloor#NONE}
   * @throws VerificationException if the root is malformed, under-signed or older than the floor
   */
  public static TrustedMetadata load(byte[] trustedRoot, VersionFloor floor, Clock clock)
      throws VerificationException {
    Objects.requireNonNull(floor, "floor");
    Objects.requireNonNull(clock, "clock");
    Envelope env = Envelope.parse(trustedRoot, Role.ROOT, MAX_ROOT_BYTES);
    RootMetadata root = (RootMetadata) env.metadata();
    env.verifyThreshold(root.keysFor(Role.ROOT), root.keys(), "root");
    if (root.version() < floor.root()) {
      throw new VerificationException(
          Failure.ROLLBACK,
          "root version " + root.version() + " is older than trusted version " + floor.root());
    }
    return new TrustedMetadata(
        root,
        new VersionFloor(root.version(), floor.timestamp(), floor.snapshot(), floor.targets()),
        clock);
  }

  /**
   * Checks one document against a root without any freshness state: well-formed, of {@code role},
   * canonical, and signed by a threshold of distinct keys the root assigns to that role. For the
   * registry, e.g. to accept targets metadata a publisher signed offline. Expiry and versions are
   * not checked: devices do that with the update methods.
   *
   * @throws VerificationException MALFORMED, UNSUPPORTED, TOO_LARGE or THRESHOLD
   */
  public static Metadata verifySignedBy(RootMetadata root, Role role, byte[] envelope)
      throws VerificationException {
    Envelope env =
        Envelope.parse(envelope, role, role == Role.TARGETS ? 64L << 20 : MAX_ROOT_BYTES);
    env.verifyThreshold(root.keysFor(role), root.keys(), role.id());
    return env.metadata();
  }

  /**
   * Accepts the next root (version + 1), which must be signed by a threshold of the current root's
   * root keys and by a threshold of its own. If the timestamp or snapshot keys changed, their
   * version floors are reset so a repository recovering from a key compromise can start over
   * (fast-forward recovery). Clears timestamp, snapshot and targets: refresh them next.
   *
   * @throws VerificationException if under-signed by either root, not exactly the next version,
   *     malformed or too large
   */
  public RootMetadata updateRoot(byte[] bytes) throws VerificationException {
    Envelope env = Envelope.parse(bytes, Role.ROOT, MAX_ROOT_BYTES);
    RootMetadata next = (RootMetadata) env.metadata();
    env.verifyThreshold(root.keysFor(Role.ROOT), root.keys(), "trusted root");
    env.verifyThreshold(next.keysFor(Role.ROOT), next.keys(), "new root");
    if (next.version() <= root.version()) {
      throw new VerificationException(
          Failure.ROLLBACK,
          "root version " + next.version() + " is not newer than trusted " + root.version());
    }
    if (next.version() != root.version() + 1) {
      throw new VerificationException(
          Failure.INCONSISTENT,
          "root version " + next.version() + " skips version " + (root.version() + 1));
    }
    boolean timestampKeysChanged =
        !keysOf(root, Role.TIMESTAMP).equals(keysOf(next, Role.TIMESTAMP));
    boolean snapshotKeysChanged = !keysOf(root, Role.SNAPSHOT).equals(keysOf(next, Role.SNAPSHOT));
    floor =
        new VersionFloor(
            next.version(),
            timestampKeysChanged ? 0 : floor.timestamp(),
            snapshotKeysChanged || timestampKeysChanged ? 0 : floor.snapshot(),
            floor.targets());
    root = next;
    timestamp = null;
    snapshot = null;
    targets = null;
    return next;
  }

  private static List<VerificationKey> keysOf(RootMetadata r, Role role) {
    return r.keysFor(role).keyIds().stream().map(id -> r.keys().get(id)).toList();
  }

  /**
   * Accepts a timestamp: under an unexpired root, signed by the timestamp threshold, version not
   * below the floor, snapshot version not below the floor, unexpired.
   *
   * @throws VerificationException on any failed check (EXPIRED, ROLLBACK, THRESHOLD, TOO_LARGE…)
   */
  public TimestampMetadata updateTimestamp(byte[] bytes) throws VerificationException {
    Instant now = clock.instant();
    if (now.isAfter(root.expires())) {
      throw new VerificationException(
          Failure.EXPIRED,
          "root metadata version " + root.version() + " expired at " + root.expires());
    }
    Envelope env = Envelope.parse(bytes, Role.TIMESTAMP, MAX_TIMESTAMP_BYTES);
    env.verifyThreshold(root.keysFor(Role.TIMESTAMP), root.keys(), "timestamp");
    TimestampMetadata t = (TimestampMetadata) env.metadata();
    if (t.version() < floor.timestamp()) {
      throw rollback("timestamp", t.version(), floor.timestamp());
    }
    if (t.snapshot().version() < floor.snapshot()) {
      throw rollback("snapshot (named by timestamp)", t.snapshot().version(), floor.snapshot());
    }
    checkExpiry("timestamp", t.version(), t.expires(), now);
    timestamp = t;
    snapshot = null;
    targets = null;
    floor = new VersionFloor(floor.root(), t.version(), floor.snapshot(), floor.targets());
    return t;
  }

  /**
   * Accepts the snapshot the trusted timestamp names: its length and hash as declared, signed by
   * the snapshot threshold, the declared version, targets version not below the floor, unexpired.
   *
   * @throws IllegalStateException if no timestamp is trusted yet
   * @throws VerificationException on any failed check
   */
  public SnapshotMetadata updateSnapshot(byte[] bytes) throws VerificationException {
    TimestampMetadata t = require(timestamp, "timestamp");
    checkFile("snapshot", bytes, t.snapshot());
    Envelope env = Envelope.parse(bytes, Role.SNAPSHOT, t.snapshot().length());
    env.verifyThreshold(root.keysFor(Role.SNAPSHOT), root.keys(), "snapshot");
    SnapshotMetadata s = (SnapshotMetadata) env.metadata();
    if (s.version() != t.snapshot().version()) {
      throw new VerificationException(
          Failure.INCONSISTENT,
          "snapshot version "
              + s.version()
              + " is not version "
              + t.snapshot().version()
              + " that the timestamp names");
    }
    if (s.version() < floor.snapshot()) {
      throw rollback("snapshot", s.version(), floor.snapshot());
    }
    if (s.targets().version() < floor.targets()) {
      throw rollback("targets (named by snapshot)", s.targets().version(), floor.targets());
    }
    checkExpiry("snapshot", s.version(), s.expires(), clock.instant());
    snapshot = s;
    targets = null;
    floor = new VersionFloor(floor.root(), floor.timestamp(), s.version(), floor.targets());
    return s;
  }

  /**
   * Accepts the targets the trusted snapshot names: its length and hash as declared, signed by the
   * targets threshold (online or publisher keys), the declared version, unexpired.
   *
   * @throws IllegalStateException if no snapshot is trusted yet
   * @throws VerificationException on any failed check
   */
  public TargetsMetadata updateTargets(byte[] bytes) throws VerificationException {
    SnapshotMetadata s = require(snapshot, "snapshot");
    checkFile("targets", bytes, s.targets());
    Envelope env = Envelope.parse(bytes, Role.TARGETS, s.targets().length());
    env.verifyThreshold(root.keysFor(Role.TARGETS), root.keys(), "targets");
    TargetsMetadata t = (TargetsMetadata) env.metadata();
    if (t.version() != s.targets().version()) {
      throw new VerificationException(
          Failure.INCONSISTENT,
          "targets version "
              + t.version()
              + " is not version "
              + s.targets().version()
              + " that the snapshot names");
    }
    if (t.version() < floor.targets()) {
      throw rollback("targets", t.version(), floor.targets());
    }
    checkExpiry("targets", t.version(), t.expires(), clock.instant());
    targets = t;
    floor = new VersionFloor(floor.root(), floor.timestamp(), floor.snapshot(), t.version());
    return t;
  }

  /**
   * Verifies a directive for this device: signed by the directive threshold, naming {@code
   * deviceId}, echoing {@code expectedNonce} (the nonce this device sent), unexpired, and naming a
   * target of the trusted targets.
   *
   * @return the directive and its target
   * @throws IllegalStateException if no targets metadata is trusted yet
   * @throws VerificationException WRONG_DEVICE, REPLAYED, EXPIRED, UNKNOWN_TARGET, THRESHOLD…
   */
  public VerifiedDirective verifyDirective(byte[] bytes, String deviceId, String expectedNonce)
      throws VerificationException {
    TargetsMetadata t = require(targets, "targets");
    Envelope env = Envelope.parse(bytes, Role.DIRECTIVE, MAX_DIRECTIVE_BYTES);
    env.verifyThreshold(root.keysFor(Role.DIRECTIVE), root.keys(), "directive");
    Directive d = (Directive) env.metadata();
    if (!d.deviceId().equals(deviceId)) {
      throw new VerificationException(
          Failure.WRONG_DEVICE,
          "directive is for device \"" + d.deviceId() + "\", not \"" + deviceId + "\"");
    }
    if (!d.nonce().equals(expectedNonce)) {
      throw new VerificationException(
          Failure.REPLAYED, "directive nonce does not match this check-in's nonce (replayed?)");
    }
    Instant now = clock.instant();
    if (now.isAfter(d.expires())) {
      throw new VerificationException(
          Failure.EXPIRED, "directive for rollout " + d.rolloutId() + " expired at " + d.expires());
    }
    TargetEntry target =
        t.find(d.target())
            .orElseThrow(
                () ->
                    new VerificationException(
                        Failure.UNKNOWN_TARGET,
                        "directive names target \""
                            + d.target()
                            + "\" that targets metadata"
                            + " version "
                            + t.version()
                            + " does not list"));
    return new VerifiedDirective(d, target);
  }

  /**
   * The target called {@code name} in the trusted targets.
   *
   * @throws IllegalStateException if no targets metadata is trusted yet
   * @throws VerificationException {@link Failure#UNKNOWN_TARGET}
   */
  public TargetEntry target(String name) throws VerificationException {
    TargetsMetadata t = require(targets, "targets");
    return t.find(name)
        .orElseThrow(
            () ->
                new VerificationException(
                    Failure.UNKNOWN_TARGET, "unknown target \"" + name + "\""));
  }

  /**
   * Checks a downloaded target file: exact length, then SHA-256.
   *
   * @throws VerificationException TOO_LARGE if longer, DIGEST_MISMATCH if shorter or different
   * @throws IOException if it cannot be read
   */
  public static void verifyTargetFile(TargetEntry target, Path file)
      throws VerificationException, IOException {
    long size = Files.size(file);
    if (size > target.length()) {
      throw new VerificationException(
          Failure.TOO_LARGE,
          "target "
              + target.name()
              + " is "
              + size
              + " bytes, longer than the declared "
              + target.length());
    }
    if (size != target.length()) {
      throw new VerificationException(
          Failure.DIGEST_MISMATCH,
          "target " + target.name() + " is " + size + " bytes, declared " + target.length());
    }
    if (!FileDigests.sha256(file).equals(target.sha256())) {
      throw new VerificationException(
          Failure.DIGEST_MISMATCH, "digest mismatch for target " + target.name());
    }
  }

  /**
   * Checks that {@code omsBundle} is the publisher bundle the target names, and returns the
   * publisher's keys from root to verify it with {@code ModelVerifier.forKeys}.
   *
   * @throws VerificationException DIGEST_MISMATCH for another bundle, UNKNOWN_KEY if root lists no
   *     keys for the target's publisher
   */
  public List<VerificationKey> publisherKeysFor(TargetEntry target, byte[] omsBundle)
      throws VerificationException {
    if (!Sha.sha256Hex(omsBundle).equals(target.info().omsBundleSha256())) {
      throw new VerificationException(
          Failure.DIGEST_MISMATCH,
          "signature bundle does not match the digest targets metadata declares for "
              + target.name());
    }
    List<VerificationKey> keys = root.publisherKeys(target.info().publisher());
    if (keys.isEmpty()) {
      throw new VerificationException(
          Failure.UNKNOWN_KEY,
          "root lists no keys for publisher \"" + target.info().publisher() + "\"");
    }
    return keys;
  }

  public RootMetadata root() {
    return root;
  }

  /** Versions to persist after a successful refresh. */
  public VersionFloor floor() {
    return floor;
  }

  /** Largest acceptable snapshot file (from the trusted timestamp), for bounded downloads. */
  public long snapshotLength() {
    return require(timestamp, "timestamp").snapshot().length();
  }

  /** Largest acceptable targets file (from the trusted snapshot), for bounded downloads. */
  public long targetsLength() {
    return require(snapshot, "snapshot").targets().length();
  }

  private static void checkFile(String what, byte[] bytes, MetaFile declared)
      throws VerificationException {
    if (bytes.length > declared.length()) {
      throw new VerificationException(
          Failure.TOO_LARGE,
          what
              + " metadata of "
              + bytes.length
              + " bytes exceeds the declared length "
              + declared.length());
    }
    if (bytes.length != declared.length() || !Sha.sha256Hex(bytes).equals(declared.sha256())) {
      throw new VerificationException(
          Failure.INCONSISTENT,
          what
              + " metadata does not match the length and hash declared for version "
              + declared.version()
              + " (mix-and-match?)");
    }
  }

  private static void checkExpiry(String what, long version, Instant expires, Instant now)
      throws VerificationException {
    if (now.isAfter(expires)) {
      throw new VerificationException(
          Failure.EXPIRED, what + " metadata version " + version + " expired at " + expires);
    }
  }

  private static VerificationException rollback(String what, long version, long trusted) {
    return new VerificationException(
        Failure.ROLLBACK,
        what + " version " + version + " is older than trusted version " + trusted);
  }

  private static <T> T require(@Nullable T value, String what) {
    if (value == null) {
      throw new IllegalStateException("no trusted " + what + " yet: update it first");
    }
    return value;
  }
}
