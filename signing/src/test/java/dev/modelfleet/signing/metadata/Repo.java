package dev.modelfleet.signing.metadata;

import dev.modelfleet.signing.KeyAlgorithm;
import dev.modelfleet.signing.SeededRandom;
import dev.modelfleet.signing.Signer;
import dev.modelfleet.signing.SigningException;
import dev.modelfleet.signing.SigningKey;
import dev.modelfleet.signing.VerificationKey;
import dev.modelfleet.signing.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small repository with deterministic keys, for metadata tests and golden files. */
final class Repo {
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  final SigningKey root1 = SeededRandom.key(KeyAlgorithm.ED25519, 1);
  final SigningKey root2 = SeededRandom.key(KeyAlgorithm.ED25519, 2);
  final SigningKey targets = SeededRandom.key(KeyAlgorithm.ED25519, 3);
  final SigningKey snapshot = SeededRandom.key(KeyAlgorithm.ED25519, 4);
  final SigningKey timestamp = SeededRandom.key(KeyAlgorithm.ED25519, 5);
  final SigningKey directive = SeededRandom.key(KeyAlgorithm.ED25519, 6);
  final SigningKey publisher = SeededRandom.key(KeyAlgorithm.ECDSA_P256, 7);

  RootMetadata root(long version, Instant expires, List<SigningKey> rootKeys, int threshold) {
    return root(version, expires, rootKeys, threshold, timestamp);
  }

  RootMetadata root(
      long version, Instant expires, List<SigningKey> rootKeys, int threshold, SigningKey ts) {
    Map<String, VerificationKey> keys = new LinkedHashMap<>();
    List<String> rootIds = new ArrayList<>();
    for (SigningKey k : rootKeys) {
      keys.put(k.verificationKey().keyId(), k.verificationKey());
      rootIds.add(k.verificationKey().keyId());
    }
    for (SigningKey k : List.of(targets, snapshot, ts, directive, publisher)) {
      keys.put(k.verificationKey().keyId(), k.verificationKey());
    }
    Map<Role, RoleKeys> roles = new EnumMap<>(Role.class);
    roles.put(Role.ROOT, new RoleKeys(rootIds, threshold));
    roles.put(Role.TARGETS, new RoleKeys(List.of(id(targets)), 1));
    roles.put(Role.SNAPSHOT, new RoleKeys(List.of(id(snapshot)), 1));
    roles.put(Role.TIMESTAMP, new RoleKeys(List.of(id(ts)), 1));
    roles.put(Role.DIRECTIVE, new RoleKeys(List.of(id(directive)), 1));
    return new RootMetadata(version, expires, keys, roles, Map.of("acme", List.of(id(publisher))));
  }

  static String id(SigningKey k) {
    return k.verificationKey().keyId();
  }

  static TargetEntry target(String name, long length, String sha256) {
    return new TargetEntry(
        name,
        length,
        sha256,
        new TargetInfo(
            "assistant",
            3,
            "q4_k_m",
            "acme",
            "0".repeat(64),
            JsonObject.builder().put("arch", "arm64").put("min_ram_mb", 4096).build(),
            JsonObject.builder().put("golden_prompts", 3).put("min_match", 2).build()));
  }

  TargetsMetadata targets(long version, Instant expires) {
    TargetEntry t = target("assistant/3/q4_k_m.gguf", 1024, "a".repeat(64));
    return new TargetsMetadata(version, expires, Map.of(t.name(), t));
  }

  static byte[] sign(Metadata m, SigningKey... keys) {
    List<Signer> signers = new ArrayList<>();
    for (SigningKey k : keys) {
      signers.add(Signer.of(k));
    }
    try {
      return MetadataSigner.sign(m, signers);
    } catch (SigningException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One consistent moment of the repository. */
  record Moment(byte[] root, byte[] timestamp, byte[] snapshot, byte[] targets) {}

  Moment moment(long version) {
    Instant far = NOW.plus(Duration.ofDays(365));
    byte[] rootBytes = sign(root(1, far, List.of(root1), 1), root1);
    byte[] targetsBytes = sign(targets(version, NOW.plus(Duration.ofDays(30))), targets);
    byte[] snapshotBytes =
        sign(
            new SnapshotMetadata(
                version, NOW.plus(Duration.ofDays(7)), MetaFile.of(version, targetsBytes)),
            snapshot);
    byte[] timestampBytes =
        sign(
            new TimestampMetadata(
                version, NOW.plus(Duration.ofDays(1)), MetaFile.of(version, snapshotBytes)),
            timestamp);
    return new Moment(rootBytes, timestampBytes, snapshotBytes, targetsBytes);
  }

  byte[] directive(String device, String target, String nonce, Instant expires) {
    return sign(
        new Directive(device, target, "rollout-7", nonce, NOW.minusSeconds(60), expires),
        directive);
  }
}
