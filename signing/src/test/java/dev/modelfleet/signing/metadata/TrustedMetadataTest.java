package dev.modelfleet.signing.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfleet.signing.KeyAlgorithm;
import dev.modelfleet.signing.SeededRandom;
import dev.modelfleet.signing.SigningKey;
import dev.modelfleet.signing.VerificationException;
import dev.modelfleet.signing.VerificationException.Failure;
import dev.modelfleet.signing.internal.Base64s;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonArray;
import dev.modelfleet.signing.json.JsonObject;
import dev.modelfleet.signing.metadata.Repo.Moment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each attack the TUF threat model names, one test each, plus the happy path. */
class TrustedMetadataTest {
  static final Clock CLOCK = Clock.fixed(Repo.NOW, ZoneOffset.UTC);
  static final Instant FAR = Repo.NOW.plus(Duration.ofDays(365));
  final Repo repo = new Repo();

  TrustedMetadata refreshed(Moment m) throws VerificationException {
    TrustedMetadata t = TrustedMetadata.load(m.root(), VersionFloor.NONE, CLOCK);
    t.updateTimestamp(m.timestamp());
    t.updateSnapshot(m.snapshot());
    t.updateTargets(m.targets());
    return t;
  }

  static void assertFailure(Call call, Failure failure) {
    assertThatThrownBy(call::run)
        .isInstanceOf(VerificationException.class)
        .satisfies(e -> assertThat(((VerificationException) e).failure()).isEqualTo(failure));
  }

  interface Call {
    Object run() throws Exception;
  }

  @Test
  void freshConsistentMetadataVerifiesAndAdvancesTheFloor() throws Exception {
    TrustedMetadata t = refreshed(repo.moment(4));
    assertThat(t.floor()).isEqualTo(new VersionFloor(1, 4, 4, 4));
    assertThat(t.target("assistant/3/q4_k_m.gguf").info().publisher()).isEqualTo("acme");
    VerifiedDirective d =
        t.verifyDirective(
            repo.directive("dev-1", "assistant/3/q4_k_m.gguf", "n-1", Repo.NOW.plusSeconds(600)),
            "dev-1",
            "n-1");
    assertThat(d.directive().rolloutId()).isEqualTo("rollout-7");
  }

  @Test
  void freezeAttackWithAnExpiredTimestampIsRejected() throws Exception {
    Moment m = repo.moment(1);
    byte[] stale =
        Repo.sign(
            new TimestampMetadata(2, Repo.NOW.minusSeconds(1), MetaFile.of(1, m.snapshot())),
            repo.timestamp);
    TrustedMetadata t = TrustedMetadata.load(m.root(), VersionFloor.NONE, CLOCK);
    assertFailure(() -> t.updateTimestamp(stale), Failure.EXPIRED);
  }

  @Test
  void freezeAttackWithExpiredTargetsIsRejected() throws Exception {
    byte[] targets = Repo.sign(repo.targets(1, Repo.NOW.minusSeconds(1)), repo.targets);
    byte[] snapshot =
        Repo.sign(new SnapshotMetadata(1, FAR, MetaFile.of(1, targets)), repo.snapshot);
    byte[] ts = Repo.sign(new TimestampMetadata(1, FAR, MetaFile.of(1, snapshot)), repo.timestamp);
    TrustedMetadata t = TrustedMetadata.load(repo.moment(1).root(), VersionFloor.NONE, CLOCK);
    t.updateTimestamp(ts);
    t.updateSnapshot(snapshot);
    assertFailure(() -> t.updateTargets(targets), Failure.EXPIRED);
  }

  @Test
  void freezeAttackUnderAnExpiredRootIsRejected() throws Exception {
    byte[] oldRoot =
        Repo.sign(repo.root(1, Repo.NOW.minusSeconds(1), List.of(repo.root1), 1), repo.root1);
    TrustedMetadata t = TrustedMetadata.load(oldRoot, VersionFloor.NONE, CLOCK);
    assertFailure(() -> t.updateTimestamp(repo.moment(1).timestamp()), Failure.EXPIRED);
  }

  @Test
  void rollbackAttackWithAnOlderTimestampIsRejected() throws Exception {
    Moment old = repo.moment(3);
    TrustedMetadata t = TrustedMetadata.load(old.root(), new VersionFloor(1, 5, 5, 5), CLOCK);
    assertFailure(() -> t.updateTimestamp(old.timestamp()), Failure.ROLLBACK);
  }

  @Test
  void rollbackAttackWithAnOlderSnapshotIsRejected() throws Exception {
    Moment old = repo.moment(3);
    // A fresh timestamp (version 9) pointing at an old snapshot (version 3).
    byte[] ts =
        Repo.sign(new TimestampMetadata(9, FAR, MetaFile.of(3, old.snapshot())), repo.timestamp);
    TrustedMetadata t = TrustedMetadata.load(old.root(), new VersionFloor(1, 8, 8, 8), CLOCK);
    assertFailure(() -> t.updateTimestamp(ts), Failure.ROLLBACK);
  }

  @Test
  void rollbackAttackWithOlderTargetsIsRejected() throws Exception {
    Moment old = repo.moment(3);
    byte[] snapshot =
        Repo.sign(new SnapshotMetadata(9, FAR, MetaFile.of(3, old.targets())), repo.snapshot);
    byte[] ts = Repo.sign(new TimestampMetadata(9, FAR, MetaFile.of(9, snapshot)), repo.timestamp);
    TrustedMetadata t = TrustedMetadata.load(old.root(), new VersionFloor(1, 8, 8, 8), CLOCK);
    t.updateTimestamp(ts);
    assertFailure(() -> t.updateSnapshot(snapshot), Failure.ROLLBACK);
  }

  @Test
  void mixAndMatchAttackWithTargetsFromAnotherMomentIsRejected() throws Exception {
    Moment now = repo.moment(5);
    Moment other = repo.moment(4);
    TrustedMetadata t = TrustedMetadata.load(now.root(), VersionFloor.NONE, CLOCK);
    t.updateTimestamp(now.timestamp());
    t.updateSnapshot(now.snapshot());
    assertFailure(() -> t.updateTargets(other.targets()), Failure.INCONSISTENT);
  }

  @Test
  void mixAndMatchAttackWithASnapshotOfAnotherVersionIsRejected() throws Exception {
    Moment m = repo.moment(5);
    // Timestamp claims version 6 for the (version 5) snapshot bytes.
    byte[] ts =
        Repo.sign(new TimestampMetadata(6, FAR, MetaFile.of(6, m.snapshot())), repo.timestamp);
    TrustedMetadata t = TrustedMetadata.load(m.root(), VersionFloor.NONE, CLOCK);
    t.updateTimestamp(ts);
    assertFailure(() -> t.updateSnapshot(m.snapshot()), Failure.INCONSISTENT);
  }

  @Test
  void endlessDataAttackWithTargetsLongerThanDeclaredIsRejected() throws Exception {
    Moment m = repo.moment(2);
    TrustedMetadata t = TrustedMetadata.load(m.root(), VersionFloor.NONE, CLOCK);
    t.updateTimestamp(m.timestamp());
    t.updateSnapshot(m.snapshot());
    byte[] endless = Arrays.copyOf(m.targets(), m.targets().length + 1_000_000);
    assertFailure(() -> t.updateTargets(endless), Failure.TOO_LARGE);
    assertThat(t.targetsLength()).isEqualTo(m.targets().length);
  }

  @Test
  void endlessDataAttackWithAHugeTimestampIsRejectedBeforeParsing() throws Exception {
    Moment m = repo.moment(2);
    TrustedMetadata t = TrustedMetadata.load(m.root(), VersionFloor.NONE, CLOCK);
    byte[] huge = new byte[(int) TrustedMetadata.MAX_TIMESTAMP_BYTES + 1];
    Arrays.fill(huge, (byte) ' ');
    assertFailure(() -> t.updateTimestamp(huge), Failure.TOO_LARGE);
  }

  @Test
  void endlessDataAttackWithATargetFileLongerThanDeclaredIsRejected(@TempDir Path tmp)
      throws Exception {
    Path file = tmp.resolve("model.gguf");
    Files.write(file, new byte[2048]);
    TargetEntry t = Repo.target("m.gguf", 1024, "a".repeat(64));
    assertFailure(
        () -> {
          TrustedMetadata.verifyTargetFile(t, file);
          return null;
        },
        Failure.TOO_LARGE);
  }

  @Test
  void thresholdAttackWithOneKeySigningTwiceIsRejected() throws Exception {
    // Root requires 2 of {root1, root2}; root1 signs twice.
    RootMetadata r = repo.root(1, FAR, List.of(repo.root1, repo.root2), 2);
    byte[] once = Repo.sign(r, repo.root1);
    byte[] twice = duplicateFirstSignature(once);
    assertFailure(() -> TrustedMetadata.load(twice, VersionFloor.NONE, CLOCK), Failure.THRESHOLD);
    assertThat(
            TrustedMetadata.load(Repo.sign(r, repo.root1, repo.root2), VersionFloor.NONE, CLOCK)
                .root()
                .version())
        .isEqualTo(1);
  }

  @Test
  void arbitrarySoftwareAttackWithTargetsSignedByAnUntrustedKeyIsRejected() throws Exception {
    SigningKey attacker = SeededRandom.key(KeyAlgorithm.ED25519, 99);
    byte[] targets = Repo.sign(repo.targets(1, FAR), attacker);
    byte[] snapshot =
        Repo.sign(new SnapshotMetadata(1, FAR, MetaFile.of(1, targets)), repo.snapshot);
    byte[] ts = Repo.sign(new TimestampMetadata(1, FAR, MetaFile.of(1, snapshot)), repo.timestamp);
    TrustedMetadata t = TrustedMetadata.load(repo.moment(1).root(), VersionFloor.NONE, CLOCK);
    t.updateTimestamp(ts);
    t.updateSnapshot(snapshot);
    assertFailure(() -> t.updateTargets(targets), Failure.THRESHOLD);
  }

  @Test
  void keyOfAnotherRoleCannotSignTimestamp() throws Exception {
    Moment m = repo.moment(1);
    byte[] ts =
        Repo.sign(new TimestampMetadata(1, FAR, MetaFile.of(1, m.snapshot())), repo.snapshot);
    TrustedMetadata t = TrustedMetadata.load(m.root(), VersionFloor.NONE, CLOCK);
    assertFailure(() -> t.updateTimestamp(ts), Failure.THRESHOLD);
  }

  @Test
  void rootRotationChainIsWalkedVersionByVersion() throws Exception {
    byte[] v1 = Repo.sign(repo.root(1, FAR, List.of(repo.root1), 1), repo.root1);
    byte[] v2 = Repo.sign(repo.root(2, FAR, List.of(repo.root2), 1), repo.root1, repo.root2);
    SigningKey root3 = SeededRandom.key(KeyAlgorithm.ECDSA_P384, 30);
    byte[] v3 = Repo.sign(repo.root(3, FAR, List.of(root3), 1), repo.root2, root3);
    TrustedMetadata t = TrustedMetadata.load(v1, VersionFloor.NONE, CLOCK);
    t.updateRoot(v2);
    t.updateRoot(v3);
    assertThat(t.root().version()).isEqualTo(3);
    assertThat(t.floor().root()).isEqualTo(3);
    // The rotated trust still verifies the rest of the chain.
    t.updateTimestamp(repo.moment(1).timestamp());
  }

  @Test
  void rootRotationSignedOnlyByTheNewKeysIsRejected() throws Exception {
    byte[] v1 = Repo.sign(repo.root(1, FAR, List.of(repo.root1), 1), repo.root1);
    byte[] v2 = Repo.sign(repo.root(2, FAR, List.of(repo.root2), 1), repo.root2);
    TrustedMetadata t = TrustedMetadata.load(v1, VersionFloor.NONE, CLOCK);
    assertFailure(() -> t.updateRoot(v2), Failure.THRESHOLD);
  }

  @Test
  void rootRotationSignedOnlyByTheOldKeysIsRejected() throws Exception {
    byte[] v1 = Repo.sign(repo.root(1, FAR, List.of(repo.root1), 1), repo.root1);
    byte[] v2 = Repo.sign(repo.root(2, FAR, List.of(repo.root2), 1), repo.root1);
    TrustedMetadata t = TrustedMetadata.load(v1, VersionFloor.NONE, CLOCK);
    assertFailure(() -> t.updateRoot(v2), Failure.THRESHOLD);
  }

  @Test
  void rootRotationSkippingAVersionIsRejected() throws Exception {
    byte[] v1 = Repo.sign(repo.root(1, FAR, List.of(repo.root1), 1), repo.root1);
    byte[] v3 = Repo.sign(repo.root(3, FAR, List.of(repo.root1), 1), repo.root1);
    TrustedMetadata t = TrustedMetadata.load(v1, VersionFloor.NONE, CLOCK);
    assertFailure(() -> t.updateRoot(v3), Failure.INCONSISTENT);
  }

  @Test
  void rollbackAttackWithAnOlderRootIsRejected() throws Exception {
    byte[] v1 = Repo.sign(repo.root(1, FAR, List.of(repo.root1), 1), repo.root1);
    assertFailure(
        () -> TrustedMetadata.load(v1, new VersionFloor(2, 0, 0, 0), CLOCK), Failure.ROLLBACK);
    TrustedMetadata t = TrustedMetadata.load(v1, VersionFloor.NONE, CLOCK);
    assertFailure(() -> t.updateRoot(v1), Failure.ROLLBACK);
  }

  @Test
  void fastForwardRecoveryResetsFloorsWhenTimestampKeysRotate() throws Exception {
    SigningKey newTs = SeededRandom.key(KeyAlgorithm.ED25519, 50);
    byte[] v1 = Repo.sign(repo.root(1, FAR, List.of(repo.root1), 1), repo.root1);
    byte[] v2 = Repo.sign(repo.root(2, FAR, List.of(repo.root1), 1, newTs), repo.root1);
    Moment m = repo.moment(1);
    byte[] ts = Repo.sign(new TimestampMetadata(1, FAR, MetaFile.of(1, m.snapshot())), newTs);
    TrustedMetadata t =
        TrustedMetadata.load(v1, new VersionFloor(1, 1_000_000, 1_000_000, 1), CLOCK);
    t.updateRoot(v2);
    assertThat(t.updateTimestamp(ts).version()).isEqualTo(1);
  }

  @Test
  void directiveForAnotherDeviceIsRejected() throws Exception {
    TrustedMetadata t = refreshed(repo.moment(1));
    byte[] d = repo.directive("dev-2", "assistant/3/q4_k_m.gguf", "n", Repo.NOW.plusSeconds(60));
    assertFailure(() -> t.verifyDirective(d, "dev-1", "n"), Failure.WRONG_DEVICE);
  }

  @Test
  void replayedDirectiveWithAnOldNonceIsRejected() throws Exception {
    TrustedMetadata t = refreshed(repo.moment(1));
    byte[] d = repo.directive("dev-1", "assistant/3/q4_k_m.gguf", "old", Repo.NOW.plusSeconds(60));
    assertFailure(() -> t.verifyDirective(d, "dev-1", "new"), Failure.REPLAYED);
  }

  @Test
  void expiredDirectiveIsRejected() throws Exception {
    TrustedMetadata t = refreshed(repo.moment(1));
    byte[] d = repo.directive("dev-1", "assistant/3/q4_k_m.gguf", "n", Repo.NOW.minusSeconds(1));
    assertFailure(() -> t.verifyDirective(d, "dev-1", "n"), Failure.EXPIRED);
  }

  @Test
  void directiveNamingAnUnlistedTargetIsRejected() throws Exception {
    TrustedMetadata t = refreshed(repo.moment(1));
    byte[] d = repo.directive("dev-1", "evil/1/x.gguf", "n", Repo.NOW.plusSeconds(60));
    assertFailure(() -> t.verifyDirective(d, "dev-1", "n"), Failure.UNKNOWN_TARGET);
  }

  @Test
  void directiveSignedByATargetsKeyIsRejected() throws Exception {
    TrustedMetadata t = refreshed(repo.moment(1));
    byte[] d =
        Repo.sign(
            new Directive(
                "dev-1", "assistant/3/q4_k_m.gguf", "r", "n", Repo.NOW, Repo.NOW.plusSeconds(60)),
            repo.targets);
    assertFailure(() -> t.verifyDirective(d, "dev-1", "n"), Failure.THRESHOLD);
  }

  @Test
  void nonCanonicalPayloadIsRejectedEvenWhenValidlySigned() throws Exception {
    Moment m = repo.moment(1);
    JsonObject env = Json.parseObject(m.timestamp());
    String pretty = Json.writePretty(Json.parse(Base64s.decode(env.getString("payload"))));
    byte[] payload = pretty.getBytes(StandardCharsets.UTF_8);
    byte[] sig =
        repo.timestamp.sign(
            dev.modelfleet.signing.internal.Dsse.pae(Role.TIMESTAMP.payloadType(), payload));
    byte[] forged =
        Json.toBytes(
            JsonObject.builder()
                .put("payloadType", Role.TIMESTAMP.payloadType())
                .put("payload", Base64s.encode(payload))
                .put(
                    "signatures",
                    JsonArray.of(
                        JsonObject.builder()
                            .put("keyid", Repo.id(repo.timestamp))
                            .put("sig", Base64s.encode(sig))
                            .build()))
                .build());
    TrustedMetadata t = TrustedMetadata.load(m.root(), VersionFloor.NONE, CLOCK);
    assertFailure(() -> t.updateTimestamp(forged), Failure.MALFORMED);
  }

  @Test
  void snapshotPresentedAsTimestampIsRejected() throws Exception {
    Moment m = repo.moment(1);
    TrustedMetadata t = TrustedMetadata.load(m.root(), VersionFloor.NONE, CLOCK);
    assertFailure(() -> t.updateTimestamp(m.snapshot()), Failure.UNSUPPORTED);
  }

  @Test
  void truncatedMetadataIsRejectedAsMalformed() throws Exception {
    Moment m = repo.moment(1);
    TrustedMetadata t = TrustedMetadata.load(m.root(), VersionFloor.NONE, CLOCK);
    byte[] truncated = Arrays.copyOf(m.timestamp(), m.timestamp().length / 2);
    assertFailure(() -> t.updateTimestamp(truncated), Failure.MALFORMED);
  }

  @Test
  void tamperedSignatureDoesNotCount() throws Exception {
    Moment m = repo.moment(1);
    byte[] tampered = m.timestamp().clone();
    JsonObject env = Json.parseObject(tampered);
    JsonObject sig = env.getArray("signatures").objects().get(0);
    byte[] raw = Base64s.decode(sig.getString("sig"));
    raw[10] ^= 1;
    byte[] bad =
        Json.toBytes(
            env.toBuilder()
                .put(
                    "signatures",
                    JsonArray.of(sig.toBuilder().put("sig", Base64s.encode(raw)).build()))
                .build());
    TrustedMetadata t = TrustedMetadata.load(m.root(), VersionFloor.NONE, CLOCK);
    assertFailure(() -> t.updateTimestamp(bad), Failure.THRESHOLD);
  }

  @Test
  void omsBundleMustBeTheOneTargetsDeclares() throws Exception {
    TrustedMetadata t = refreshed(repo.moment(1));
    TargetEntry e = t.target("assistant/3/q4_k_m.gguf");
    assertFailure(
        () -> t.publisherKeysFor(e, "{}".getBytes(StandardCharsets.UTF_8)),
        Failure.DIGEST_MISMATCH);
  }

  @Test
  void rootWithAnUnknownKeyTypeIsRejected() throws Exception {
    Moment m = repo.moment(1);
    JsonObject env = Json.parseObject(m.root());
    JsonObject payload = Json.parseObject(Base64s.decode(env.getString("payload")));
    JsonObject keys = payload.getObject("keys");
    String first = keys.keys().iterator().next();
    JsonObject rsa = keys.getObject(first).toBuilder().put("keytype", "rsa-pss-sha256").build();
    byte[] evilPayload =
        dev.modelfleet.signing.json.CanonicalJson.encode(
            payload.toBuilder().put("keys", keys.toBuilder().put(first, rsa).build()).build());
    byte[] sig =
        repo.root1.sign(
            dev.modelfleet.signing.internal.Dsse.pae(Role.ROOT.payloadType(), evilPayload));
    byte[] bytes =
        Json.toBytes(
            env.toBuilder()
                .put("payload", Base64s.encode(evilPayload))
                .put(
                    "signatures",
                    JsonArray.of(
                        JsonObject.builder()
                            .put("keyid", Repo.id(repo.root1))
                            .put("sig", Base64s.encode(sig))
                            .build()))
                .build());
    assertFailure(() -> TrustedMetadata.load(bytes, VersionFloor.NONE, CLOCK), Failure.UNSUPPORTED);
  }

  @Test
  void failingSignerPropagatesItsError() {
    dev.modelfleet.signing.Signer broken =
        new dev.modelfleet.signing.Signer() {
          @Override
          public dev.modelfleet.signing.VerificationKey verificationKey() {
            return repo.timestamp.verificationKey();
          }

          @Override
          public byte[] sign(byte[] message) throws dev.modelfleet.signing.SigningException {
            throw new dev.modelfleet.signing.SigningException("token removed");
          }
        };
    assertThatThrownBy(() -> MetadataSigner.sign(repo.targets(1, FAR), List.of(broken)))
        .isInstanceOf(dev.modelfleet.signing.SigningException.class)
        .hasMessage("token removed");
  }

  @Test
  void sameKeyTwiceIsRefusedWhenSigning() {
    assertThatThrownBy(
            () ->
                MetadataSigner.sign(
                    repo.targets(1, FAR),
                    List.of(
                        dev.modelfleet.signing.Signer.of(repo.targets),
                        dev.modelfleet.signing.Signer.of(repo.targets))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("given twice");
  }

  @Test
  void registryAcceptsTargetsSignedByTheTargetsKeysOnly() throws Exception {
    RootMetadata root = repo.root(1, FAR, List.of(repo.root1), 1);
    byte[] good = Repo.sign(repo.targets(3, FAR), repo.targets);
    assertThat(
            ((TargetsMetadata) TrustedMetadata.verifySignedBy(root, Role.TARGETS, good)).version())
        .isEqualTo(3);
    byte[] bySnapshotKey = Repo.sign(repo.targets(3, FAR), repo.snapshot);
    assertFailure(
        () -> TrustedMetadata.verifySignedBy(root, Role.TARGETS, bySnapshotKey), Failure.THRESHOLD);
  }

  static byte[] duplicateFirstSignature(byte[] envelope) {
    JsonObject env = Json.parseObject(envelope);
    JsonObject first = env.getArray("signatures").objects().get(0);
    return Json.toBytes(env.toBuilder().put("signatures", JsonArray.of(first, first)).build());
  }
}
