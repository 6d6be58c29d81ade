package dev.modelfleet.registry.metadata;

import dev.modelfleet.registry.blob.Digests;
import dev.modelfleet.registry.error.ErrorCode;
import dev.modelfleet.registry.error.RegistryException;
import dev.modelfleet.registry.model.ModelCatalog;
import dev.modelfleet.registry.model.ModelRef;
import dev.modelfleet.registry.model.TargetsSigning;
import dev.modelfleet.signing.SigningException;
import dev.modelfleet.signing.VerificationKey;
import dev.modelfleet.signing.metadata.MetaFile;
import dev.modelfleet.signing.metadata.Metadata;
import dev.modelfleet.signing.metadata.MetadataSigner;
import dev.modelfleet.signing.metadata.Role;
import dev.modelfleet.signing.metadata.RoleKeys;
import dev.modelfleet.signing.metadata.RootMetadata;
import dev.modelfleet.signing.metadata.SnapshotMetadata;
import dev.modelfleet.signing.metadata.TargetsMetadata;
import dev.modelfleet.signing.metadata.TimestampMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps each model's signed metadata in step with its catalog and serves it. Every change writes
 * new versions in one transaction under the model's row lock, so replicas never sign conflicting
 * versions; the latest version of each role is served from a short-lived in-memory cache.
 */
@Service
public class RepositoryMetadata {
  private final StoredMetadataRepository stored;
  private final PendingTargetsRepository pending;
  private final ModelCatalog models;
  private final TargetsBuilder targets;
  private final OnlineKeys keys;
  private final MetadataProperties properties;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  RepositoryMetadata(
      StoredMetadataRepository stored,
      PendingTargetsRepository pending,
      ModelCatalog models,
      TargetsBuilder targets,
      OnlineKeys keys,
      MetadataProperties properties,
      Clock clock) {
    this.stored = stored;
    this.pending = pending;
    this.models = models;
    this.targets = targets;
    this.keys = keys;
    this.properties = properties;
    this.clock = clock;
  }

  private record Cached(MetadataDocument document, Instant loadedAt) {}

  /** The exact targets document a publisher must sign next, if one is pending. */
  record Pending(long version, Instant expires, String payloadType, byte[] payload) {}

  /** The latest signed document of {@code role} for a model. */
  @PreAuthorize("hasRole('VIEWER')")
  public MetadataDocument current(String modelName, Role role) {
    String key = modelName + "/" + role.id();
    Instant now = clock.instant();
    Cached hit = cache.get(key);
    if (hit != null && now.isBefore(hit.loadedAt().plus(properties.cacheTtl()))) {
      return hit.document();
    }
    ModelRef model = model(modelName);
    StoredMetadata m =
        stored
            .latest(model.id(), role.id())
            .orElseThrow(
                () ->
                    new RegistryException(
                        ErrorCode.METADATA_NOT_FOUND,
                        "Model " + modelName + " has no signed " + role.id() + " metadata yet."));
    MetadataDocument doc = new MetadataDocument(m.content(), m.version(), m.sha256());
    cache.put(key, new Cached(doc, now));
    return doc;
  }

  /** The document if this replica's cache holds a fresh copy (the fast path; no checks here). */
  Optional<MetadataDocument> cached(String modelName, Role role) {
    Cached hit = cache.get(modelName + "/" + role.id());
    if (hit != null && clock.instant().isBefore(hit.loadedAt().plus(properties.cacheTtl()))) {
      return Optional.of(hit.document());
    }
    return Optional.empty();
  }

  /** One version of a model's root (devices walk the chain of roots version by version). */
  @PreAuthorize("hasRole('VIEWER')")
  @Transactional(readOnly = true)
  public MetadataDocument root(String modelName, long version) {
    ModelRef model = model(modelName);
    StoredMetadata m =
        stored
            .version(model.id(), Role.ROOT.id(), version)
            .orElseThrow(
                () ->
                    new RegistryException(
                        ErrorCode.METADATA_NOT_FOUND,
                        "Model " + modelName + " has no root version " + version + "."));
    return new MetadataDocument(m.content(), m.version(), m.sha256());
  }

  @PreAuthorize("hasRole('PUBLISHER')")
  @Transactional(readOnly = true)
  public Pending pendingTargets(String modelName) {
    ModelRef model = model(modelName);
    PendingTargets p =
        pending
            .findById(model.id())
            .orElseThrow(
                () ->
                    new RegistryException(
                        ErrorCode.METADATA_NOT_FOUND,
                        "Model " + modelName + " has no targets waiting for a signature."));
    return new Pending(p.version(), p.expiresAt(), Role.TARGETS.payloadType(), p.payload());
  }

  /**
   * Accepts publisher-signed targets: the envelope must carry exactly the pending payload and a
   * valid signature by one of the model's active publisher keys.
   *
   * @throws RegistryException {@code METADATA_INVALID} otherwise
   */
  @PreAuthorize("hasRole('PUBLISHER')")
  @Transactional
  public MetadataDocument uploadTargets(String modelName, byte[] envelope) {
    ModelRef model = model(modelName);
    if (model.targetsSigning() != TargetsSigning.PUBLISHER) {
      throw new RegistryException(
          ErrorCode.METADATA_INVALID,
          "Model " + modelName + " has its targets signed by the registry's online key.");
    }
    models.lock(model.id());
    PendingTargets p =
        pending
            .findById(model.id())
            .orElseThrow(
                () ->
                    new RegistryException(
                        ErrorCode.METADATA_INVALID, "No targets are waiting for a signature."));
    List<VerificationKey> publisherKeys = models.activeKeys(model.id());
    Envelopes.requireSignedPayload(
        envelope, Role.TARGETS.payloadType(), p.payload(), publisherKeys);
    save(model.id(), Role.TARGETS, p.version(), p.expiresAt(), envelope, p.fingerprint());
    pending.delete(p);
    Instant now = clock.instant();
    refreshSnapshotAndTimestamp(model.id(), now);
    return new MetadataDocument(envelope, p.version(), sha256(envelope));
  }

  /** Re-signs whatever the catalog or the clock made stale. Idempotent. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void refresh(long modelId) {
    Optional<ModelRef> found = models.findById(modelId);
    if (found.isEmpty()) {
      return;
    }
    ModelRef model = found.get();
    models.lock(modelId);
    Instant now = clock.instant();
    refreshRoot(model, now);
    refreshTargets(model, now);
    refreshSnapshotAndTimestamp(modelId, now);
  }

  private void refreshRoot(ModelRef model, Instant now) {
    String fingerprint = fingerprint(root(model, 1, Instant.EPOCH));
    Optional<StoredMetadata> latest = stored.latest(model.id(), Role.ROOT.id());
    if (latest.isPresent()
        && latest.get().fingerprint().equals(fingerprint)
        && !nearExpiry(latest.get(), properties.rootExpiry(), now)) {
      return;
    }
    long version = latest.map(m -> m.version() + 1).orElse(1L);
    Instant expires = now.plus(properties.rootExpiry());
    save(
        model.id(),
        Role.ROOT,
        version,
        expires,
        sign(root(model, version, expires), Role.ROOT),
        fingerprint);
  }

  private void refreshTargets(ModelRef model, Instant now) {
    String fingerprint = fingerprint(targets.build(model, 1, Instant.EPOCH));
    Optional<StoredMetadata> latest = stored.latest(model.id(), Role.TARGETS.id());
    boolean stale =
        latest.isEmpty()
            || !latest.get().fingerprint().equals(fingerprint)
            || nearExpiry(latest.get(), properties.targetsExpiry(), now);
    if (!stale) {
      pending.deleteById(model.id());
      return;
    }
    long version = latest.map(m -> m.version() + 1).orElse(1L);
    Instant expires = now.plus(properties.targetsExpiry());
    TargetsMetadata doc = targets.build(model, version, expires);
    if (model.targetsSigning() == TargetsSigning.ONLINE) {
      save(model.id(), Role.TARGETS, version, expires, sign(doc, Role.TARGETS), fingerprint);
      return;
    }
    Optional<PendingTargets> waiting = pending.findById(model.id());
    // A document the publisher has not signed in time is prepared again, so what they are asked
    // to sign is never already (nearly) expired.
    if (waiting.isEmpty()
        || !waiting.get().fingerprint().equals(fingerprint)
        || Duration.between(now, waiting.get().expiresAt())
                .compareTo(properties.targetsExpiry().dividedBy(2))
            < 0) {
      pending.save(
          new PendingTargets(
              model.id(), version, expires, MetadataSigner.payload(doc), fingerprint, now));
    }
  }

  private void refreshSnapshotAndTimestamp(long modelId, Instant now) {
    Optional<StoredMetadata> targetsDoc = stored.latest(modelId, Role.TARGETS.id());
    if (targetsDoc.isEmpty()) {
      return; // publisher-signed targets not uploaded yet
    }
    MetaFile targetsFile = MetaFile.of(targetsDoc.get().version(), targetsDoc.get().content());
    String snapshotFingerprint = metaFingerprint(targetsFile);
    Optional<StoredMetadata> snapshot = stored.latest(modelId, Role.SNAPSHOT.id());
    if (snapshot.isEmpty()
        || !snapshot.get().fingerprint().equals(snapshotFingerprint)
        || nearExpiry(snapshot.get(), properties.snapshotExpiry(), now)) {
      long version = snapshot.map(m -> m.version() + 1).orElse(1L);
      Instant expires = now.plus(properties.snapshotExpiry());
      save(
          modelId,
          Role.SNAPSHOT,
          version,
          expires,
          sign(new SnapshotMetadata(version, expires, targetsFile), Role.SNAPSHOT),
          snapshotFingerprint);
      snapshot = stored.latest(modelId, Role.SNAPSHOT.id());
    }
    StoredMetadata snap = snapshot.orElseThrow();
    MetaFile snapshotFile = MetaFile.of(snap.version(), snap.content());
    String timestampFingerprint = metaFingerprint(snapshotFile);
    Optional<StoredMetadata> timestamp = stored.latest(modelId, Role.TIMESTAMP.id());
    if (timestamp.isEmpty()
        || !timestamp.get().fingerprint().equals(timestampFingerprint)
        || nearExpiry(timestamp.get(), properties.timestampExpiry(), now)) {
      long version = timestamp.map(m -> m.version() + 1).orElse(1L);
      Instant expires = now.plus(properties.timestampExpiry());
      save(
          modelId,
          Role.TIMESTAMP,
          version,
          expires,
          sign(new TimestampMetadata(version, expires, snapshotFile), Role.TIMESTAMP),
          timestampFingerprint);
    }
  }

  private RootMetadata root(ModelRef model, long version, Instant expires) {
    Map<String, VerificationKey> all = new LinkedHashMap<>();
    Map<Role, RoleKeys> roles = new EnumMap<>(Role.class);
    for (Role role : List.of(Role.ROOT, Role.SNAPSHOT, Role.TIMESTAMP, Role.DIRECTIVE)) {
      VerificationKey k = keys.publicKey(role);
      all.put(k.keyId(), k);
      roles.put(role, new RoleKeys(List.of(k.keyId()), 1));
    }
    List<VerificationKey> publisherKeys = models.activeKeys(model.id());
    List<String> publisherIds =
        publisherKeys.stream().map(VerificationKey::keyId).sorted().toList();
    publisherKeys.forEach(k -> all.put(k.keyId(), k));
    if (model.targetsSigning() == TargetsSigning.ONLINE || publisherIds.isEmpty()) {
      VerificationKey k = keys.publicKey(Role.TARGETS);
      all.put(k.keyId(), k);
      roles.put(Role.TARGETS, new RoleKeys(List.of(k.keyId()), 1));
    } else {
      roles.put(Role.TARGETS, new RoleKeys(publisherIds, 1));
    }
    Map<String, List<String>> publishers =
        publisherIds.isEmpty() ? Map.of() : Map.of(model.name(), publisherIds);
    return new RootMetadata(version, expires, all, roles, publishers);
  }

  private byte[] sign(Metadata metadata, Role role) {
    try {
      return MetadataSigner.sign(metadata, List.of(keys.signer(role)));
    } catch (SigningException e) {
      throw new IllegalStateException("the " + role.id() + " key failed to sign", e);
    }
  }

  private void save(
      long modelId, Role role, long version, Instant expires, byte[] content, String fingerprint) {
    stored.save(
        new StoredMetadata(
            new StoredMetadata.Key(modelId, role.id(), version),
            expires,
            content,
            sha256(content),
            fingerprint,
            clock.instant()));
    cache.keySet().removeIf(k -> k.endsWith("/" + role.id()));
  }

  private static boolean nearExpiry(StoredMetadata m, Duration period, Instant now) {
    return Duration.between(now, m.expiresAt()).compareTo(period.dividedBy(2)) < 0;
  }

  /** What a document says, independent of its version and expiry. */
  private static String fingerprint(Metadata metadata) {
    return sha256(MetadataSigner.payload(metadata));
  }

  private static String metaFingerprint(MetaFile f) {
    return sha256(
        (f.version() + " " + f.length() + " " + f.sha256()).getBytes(StandardCharsets.UTF_8));
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(Digests.sha256().digest(bytes));
  }

  private ModelRef model(String name) {
    return models
        .find(name)
        .orElseThrow(
            () -> new RegistryException(ErrorCode.MODEL_NOT_FOUND, "No model named " + name + "."));
  }
}
