package dev.modelfleet.registry.release;

import dev.modelfleet.registry.audit.AuditLog;
import dev.modelfleet.registry.blob.BlobReferences;
import dev.modelfleet.registry.error.ErrorCode;
import dev.modelfleet.registry.error.RegistryException;
import dev.modelfleet.registry.model.ModelCatalog;
import dev.modelfleet.registry.model.ModelRef;
import dev.modelfleet.registry.profile.ProfileCatalog;
import dev.modelfleet.registry.support.CurrentActor;
import dev.modelfleet.registry.support.Names;
import dev.modelfleet.registry.support.Versions;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Releases, variants and channels of a model. */
@Service
public class ReleaseCatalog implements BlobReferences {
  private final ReleaseRepository releases;
  private final VariantRepository variants;
  private final ChannelRepository channels;
  private final ModelCatalog models;
  private final ProfileCatalog profiles;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final JsonMapper json;
  private final Clock clock;

  @SuppressWarnings("TooManyParameters")
  ReleaseCatalog(
      ReleaseRepository releases,
      VariantRepository variants,
      ChannelRepository channels,
      ModelCatalog models,
      ProfileCatalog profiles,
      AuditLog audit,
      ApplicationEventPublisher events,
      JsonMapper json,
      Clock clock) {
    this.releases = releases;
    this.variants = variants;
    this.channels = channels;
    this.models = models;
    this.profiles = profiles;
    this.audit = audit;
    this.events = events;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Creates a release.
   *
   * @throws RegistryException {@code MODEL_NOT_FOUND}, {@code INVALID_VERSION}, {@code
   *     RELEASE_EXISTS} (version label or number taken), {@code RELEASE_NUMBER_NOT_INCREASING},
   *     {@code UNKNOWN_PROFILE} (a profile in the validation spec)
   */
  @PreAuthorize("hasRole('PUBLISHER')")
  @Transactional
  public ReleaseView create(String modelName, CreateReleaseRequest request) {
    ModelRef model = models.require(modelName);
    Versions.requireSemver(request.version());
    ValidationSpec spec = request.validation();
    if (spec != null && spec.minTokensPerSecond() != null) {
      spec.minTokensPerSecond().keySet().forEach(profiles::requireId);
    }
    models.lock(model.id()); // serializes numbering per model
    if (releases.findByModelIdAndVersionLabel(model.id(), request.version()).isPresent()) {
      throw new RegistryException(
          ErrorCode.RELEASE_EXISTS,
          "Release " + request.version() + " of " + modelName + " already exists.",
          Map.of("version", request.version()));
    }
    long highest = releases.maxReleaseNumber(model.id());
    Long requested = request.releaseNumber();
    long number = requested == null ? highest + 1 : requested;
    if (requested != null && requested <= highest) {
      if (releases.findByModelIdAndReleaseNumber(model.id(), requested).isPresent()) {
        throw new RegistryException(
            ErrorCode.RELEASE_EXISTS,
            "Release number " + requested + " of " + modelName + " already exists.",
            Map.of("releaseNumber", requested, "highestReleaseNumber", highest));
      }
      throw new RegistryException(
          ErrorCode.RELEASE_NUMBER_NOT_INCREASING,
          "Release number "
              + requested
              + " is lower than the highest existing number "
              + highest
              + "; release numbers only go up.",
          Map.of("releaseNumber", requested, "highestReleaseNumber", highest));
    }
    Lineage lineage =
        request.lineage() == null ? new Lineage(null, null, null, null) : request.lineage();
    Release release =
        new Release(
            model.id(),
            number,
            request.version(),
            request.notes(),
            lineage.baseModel(),
            lineage.trainingRunId(),
            lineage.datasetDigest(),
            json.writeValueAsString(lineage.labels() == null ? Map.of() : lineage.labels()),
            spec == null ? null : json.writeValueAsString(spec),
            clock.instant(),
            CurrentActor.name());
    try {
      release = releases.saveAndFlush(release);
    } catch (DataIntegrityViolationException e) {
      throw new RegistryException(
          ErrorCode.RELEASE_EXISTS, "Release " + request.version() + " was created concurrently.");
    }
    ReleaseView view = view(modelName, release);
    audit.record("release.create", "release", modelName + "@" + request.version(), null, view);
    events.publishEvent(new CatalogChanged(model.id(), null));
    return view;
  }

  @PreAuthorize("hasRole('VIEWER')")
  @Transactional(readOnly = true)
  public List<ReleaseView> list(String modelName) {
    ModelRef model = models.require(modelName);
    return releases.findByModelIdOrderByReleaseNumberDesc(model.id()).stream()
        .map(r -> view(modelName, r))
        .toList();
  }

  /**
   * @throws RegistryException {@code MODEL_NOT_FOUND}, {@code RELEASE_NOT_FOUND}
   */
  @PreAuthorize("hasRole('VIEWER')")
  @Transactional(readOnly = true)
  public ReleaseView get(String modelName, String version) {
    ModelRef model = models.require(modelName);
    return view(modelName, release(model, version));
  }

  /** Whether the release exists (for the publish flow's checks). */
  @Transactional(readOnly = true)
  public Optional<ReleaseStatus> findStatus(long modelId, String version) {
    return releases.findByModelIdAndVersionLabel(modelId, version).map(Release::status);
  }

  /**
   * Adds a verified variant to a release. Called by publishing after the blob is stored.
   *
   * @throws RegistryException {@code RELEASE_NOT_FOUND}, {@code RELEASE_REVOKED}, {@code
   *     VARIANT_EXISTS}
   */
  @PreAuthorize("hasRole('PUBLISHER')")
  @Transactional
  public VariantView addVariant(NewVariant v) {
    ModelRef model =
        models
            .findById(v.modelId())
            .orElseThrow(() -> new RegistryException(ErrorCode.MODEL_NOT_FOUND, "No such model."));
    Release release = release(model, v.version());
    requireNotRevoked(release);
    if (release.variants().stream().anyMatch(x -> x.profileId() == v.profileId())) {
      throw new RegistryException(
          ErrorCode.VARIANT_EXISTS,
          "Release " + v.version() + " already has a variant for this profile.");
    }
    Variant variant = new Variant(release, v, clock.instant());
    release.addVariant(variant);
    try {
      variant = variants.saveAndFlush(variant);
    } catch (DataIntegrityViolationException e) {
      throw new RegistryException(
          ErrorCode.VARIANT_EXISTS, "A variant for this profile was published concurrently.");
    }
    String profile = profiles.namesById(Set.of(v.profileId())).getOrDefault(v.profileId(), "?");
    VariantView view = variant.view(profile);
    audit.record(
        "variant.publish", "variant", model.name() + "@" + v.version() + "/" + profile, null, view);
    events.publishEvent(new CatalogChanged(model.id(), variant.id()));
    return view;
  }

  @PreAuthorize("hasRole('PUBLISHER')")
  @Transactional
  public ReleaseView deprecate(String modelName, String version) {
    ModelRef model = models.require(modelName);
    Release release = release(model, version);
    requireNotRevoked(release);
    ReleaseView before = view(modelName, release);
    release.deprecate(clock.instant());
    ReleaseView after = view(modelName, release);
    audit.record("release.deprecate", "release", modelName + "@" + version, before, after);
    events.publishEvent(new CatalogChanged(model.id(), null));
    return after;
  }

  /**
   * Revokes a release: it leaves the signed targets at the next metadata refresh (done right after
   * this transaction commits) and channels pointing at it are cleared.
   */
  @PreAuthorize("hasAnyRole('PUBLISHER', 'FLEET_MANAGER')")
  @Transactional
  public ReleaseView revoke(String modelName, String version, String reason) {
    ModelRef model = models.require(modelName);
    Release release = release(model, version);
    ReleaseView before = view(modelName, release);
    release.revoke(clock.instant(), reason);
    Instant now = clock.instant();
    for (Channel c : channels.findByRelease(release)) {
      ChannelView channelBefore = c.view();
      c.point(null, now);
      audit.record("channel.clear", "channel", modelName + "/" + c.name(), channelBefore, c.view());
    }
    ReleaseView after = view(modelName, release);
    audit.record("release.revoke", "release", modelName + "@" + version, before, after);
    events.publishEvent(new CatalogChanged(model.id(), null));
    return after;
  }

  @PreAuthorize("hasRole('VIEWER')")
  @Transactional(readOnly = true)
  public List<ChannelView> channels(String modelName) {
    ModelRef model = models.require(modelName);
    return channels.findByModelIdOrderByName(model.id()).stream().map(Channel::view).toList();
  }

  /** Points a channel at a release, creating the channel on first use. */
  @PreAuthorize("hasAnyRole('PUBLISHER', 'FLEET_MANAGER')")
  @Transactional
  public ChannelView setChannel(String modelName, String channelName, String version) {
    Names.requireSlug("Channel name", channelName);
    ModelRef model = models.require(modelName);
    Release release = release(model, version);
    requireNotRevoked(release);
    Instant now = clock.instant();
    Optional<Channel> existing = channels.findByModelIdAndName(model.id(), channelName);
    @Nullable ChannelView before = existing.map(Channel::view).orElse(null);
    Channel channel = existing.orElseGet(() -> new Channel(model.id(), channelName, release, now));
    channel.point(release, now);
    ChannelView after = channels.saveAndFlush(channel).view();
    audit.record("channel.set", "channel", modelName + "/" + channelName, before, after);
    events.publishEvent(new CatalogChanged(model.id(), null));
    return after;
  }

  /** The variant of {@code profile} in a release, with its sha256 and file name. */
  @PreAuthorize("hasRole('VIEWER')")
  @Transactional(readOnly = true)
  public VariantView variant(String modelName, String version, String profile) {
    return get(modelName, version).variants().stream()
        .filter(v -> v.profile().equals(profile))
        .findFirst()
        .orElseThrow(
            () ->
                new RegistryException(
                    ErrorCode.VARIANT_NOT_FOUND,
                    "Release " + version + " has no variant for profile " + profile + "."));
  }

  /**
   * Up to {@code limit} variants of the same model and profile in earlier, non-revoked releases,
   * newest first: the sources for delta patches.
   */
  @Transactional(readOnly = true)
  public List<VariantRef> previousVariants(long variantId, int limit) {
    Variant target =
        variants
            .findById(variantId)
            .orElseThrow(() -> new RegistryException(ErrorCode.VARIANT_NOT_FOUND, "No variant."));
    Release r = target.release();
    return refs(
        variants
            .previous(r.modelId(), target.profileId(), r.releaseNumber(), ReleaseStatus.REVOKED)
            .stream()
            .limit(limit)
            .toList());
  }

  @Transactional(readOnly = true)
  public Optional<VariantRef> findVariant(long variantId) {
    return variants.findById(variantId).map(v -> refs(List.of(v)).get(0));
  }

  /** Every variant of a model, in release order (for metadata). */
  @Transactional(readOnly = true)
  public List<VariantRef> variantsOf(long modelId) {
    return refs(variants.allOfModel(modelId));
  }

  /** Every variant of the model's non-revoked releases with what signed metadata describes. */
  @Transactional(readOnly = true)
  public List<PublishedVariant> publishedVariants(long modelId) {
    List<Variant> all =
        variants.allOfModel(modelId).stream()
            .filter(v -> v.release().status() != ReleaseStatus.REVOKED)
            .toList();
    List<VariantRef> refs = refs(all);
    List<PublishedVariant> out = new java.util.ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      Variant v = all.get(i);
      out.add(new PublishedVariant(refs.get(i), v.release().validationJson(), v.signatureBundle()));
    }
    return out;
  }

  /** Channel name to release number, for metadata. */
  @Transactional(readOnly = true)
  public Map<String, Long> channelReleases(long modelId) {
    Map<String, Long> result = new java.util.TreeMap<>();
    for (Channel c : channels.findByModelIdOrderByName(modelId)) {
      Release r = c.release();
      if (r != null) {
        result.put(c.name(), r.releaseNumber());
      }
    }
    return result;
  }

  /** The OMS bundle stored with a variant. */
  @Transactional(readOnly = true)
  public String signatureBundle(long variantId) {
    return variants
        .findById(variantId)
        .map(Variant::signatureBundle)
        .orElseThrow(() -> new RegistryException(ErrorCode.VARIANT_NOT_FOUND, "No variant."));
  }

  @Override
  @Transactional(readOnly = true)
  public boolean references(String sha256) {
    return variants.existsBySha256(sha256);
  }

  private List<VariantRef> refs(List<Variant> list) {
    Set<Long> profileIds = new HashSet<>();
    list.forEach(v -> profileIds.add(v.profileId()));
    Map<Long, String> names = profiles.namesById(profileIds);
    return list.stream()
        .map(
            v ->
                new VariantRef(
                    v.id(),
                    v.release().modelId(),
                    v.release().releaseNumber(),
                    v.release().versionLabel(),
                    v.profileId(),
                    names.getOrDefault(v.profileId(), "?"),
                    v.fileName(),
                    v.sha256(),
                    v.size(),
                    v.quantType(),
                    v.release().status()))
        .toList();
  }

  private Release release(ModelRef model, String version) {
    return releases
        .findByModelIdAndVersionLabel(model.id(), version)
        .orElseThrow(
            () ->
                new RegistryException(
                    ErrorCode.RELEASE_NOT_FOUND,
                    "Model " + model.name() + " has no release " + version + ".",
                    Map.of("model", model.name(), "version", version)));
  }

  private static void requireNotRevoked(Release release) {
    if (release.status() == ReleaseStatus.REVOKED) {
      throw new RegistryException(
          ErrorCode.RELEASE_REVOKED, "Release " + release.versionLabel() + " is revoked.");
    }
  }

  private ReleaseView view(String modelName, Release r) {
    Set<Long> ids = new HashSet<>();
    r.variants().forEach(v -> ids.add(v.profileId()));
    Map<Long, String> names = profiles.namesById(ids);
    Map<String, String> labels =
        json.readValue(r.labelsJson(), new TypeReference<Map<String, String>>() {});
    String spec = r.validationJson();
    return new ReleaseView(
        modelName,
        r.releaseNumber(),
        r.versionLabel(),
        r.notes(),
        new Lineage(r.baseModel(), r.trainingRunId(), r.datasetDigest(), labels),
        spec == null ? null : json.readValue(spec, ValidationSpec.class),
        r.status(),
        r.createdAt(),
        r.createdBy(),
        r.deprecatedAt(),
        r.revokedAt(),
        r.revocationReason(),
        r.variants().stream().map(v -> v.view(names.getOrDefault(v.profileId(), "?"))).toList());
  }
}
