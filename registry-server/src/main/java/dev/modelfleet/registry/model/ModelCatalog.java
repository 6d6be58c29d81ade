package dev.modelfleet.registry.model;

import dev.modelfleet.registry.audit.AuditLog;
import dev.modelfleet.registry.error.ErrorCode;
import dev.modelfleet.registry.error.RegistryException;
import dev.modelfleet.registry.support.Names;
import dev.modelfleet.signing.KeyFormatException;
import dev.modelfleet.signing.VerificationKey;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Models and their publisher keys. */
@Service
public class ModelCatalog {
  private final ModelRepository models;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ModelCatalog(
      ModelRepository models, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
    this.models = models;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Creates a model with its first publisher keys.
   *
   * @throws RegistryException {@code INVALID_NAME}, {@code INVALID_PUBLIC_KEY} or {@code
   *     MODEL_EXISTS}
   */
  @PreAuthorize("hasRole('PUBLISHER')")
  @Transactional
  public ModelView create(CreateModelRequest request) {
    Names.requireSlug("Model name", request.name());
    if (models.findByName(request.name()).isPresent()) {
      throw new RegistryException(
          ErrorCode.MODEL_EXISTS, "Model " + request.name() + " already exists.");
    }
    TargetsSigning signing =
        request.targetsSigning() == null ? TargetsSigning.ONLINE : request.targetsSigning();
    Instant now = clock.instant();
    Model model = new Model(request.name(), request.description(), signing, now);
    Set<String> seen = new HashSet<>();
    for (String pem : request.publisherKeys()) {
      VerificationKey key = parse(pem);
      if (seen.add(key.keyId())) {
        model.addKey(new PublisherKey(model, key.keyId(), key.algorithm().id(), key.toPem(), now));
      }
    }
    Model saved = models.save(model);
    ModelView view = saved.view();
    audit.record("model.create", "model", view.name(), null, view);
    events.publishEvent(new ModelChanged(saved.id()));
    return view;
  }

  @PreAuthorize("hasRole('VIEWER')")
  @Transactional(readOnly = true)
  public List<ModelView> list() {
    return models.findAllByOrderByName().stream().map(Model::view).toList();
  }

  /**
   * @throws RegistryException {@code MODEL_NOT_FOUND}
   */
  @PreAuthorize("hasRole('VIEWER')")
  @Transactional(readOnly = true)
  public ModelView get(String name) {
    return model(name).view();
  }

  /**
   * Registers another publisher key (ADMIN only: keys decide what devices will install).
   *
   * @throws RegistryException {@code MODEL_NOT_FOUND}, {@code INVALID_PUBLIC_KEY}, {@code
   *     PUBLISHER_KEY_EXISTS}
   */
  @PreAuthorize("hasRole('ADMIN')")
  @Transactional
  public ModelView addKey(String name, String pem) {
    Model model = model(name);
    ModelView before = model.view();
    VerificationKey key = parse(pem);
    if (model.keys().stream().anyMatch(k -> k.keyId().equals(key.keyId()))) {
      throw new RegistryException(
          ErrorCode.PUBLISHER_KEY_EXISTS, "Key " + key.keyId() + " is already registered.");
    }
    model.addKey(
        new PublisherKey(model, key.keyId(), key.algorithm().id(), key.toPem(), clock.instant()));
    ModelView after = models.saveAndFlush(model).view();
    audit.record("model.key.add", "model", name, before, after);
    events.publishEvent(new ModelChanged(model.id()));
    return after;
  }

  /**
   * Stops accepting uploads signed by a key (ADMIN only). Already published variants stay.
   *
   * @throws RegistryException {@code MODEL_NOT_FOUND}, {@code PUBLISHER_KEY_NOT_FOUND}
   */
  @PreAuthorize("hasRole('ADMIN')")
  @Transactional
  public ModelView revokeKey(String name, String keyId) {
    Model model = model(name);
    ModelView before = model.view();
    PublisherKey key =
        model.keys().stream()
            .filter(k -> k.keyId().equals(keyId))
            .findFirst()
            .orElseThrow(
                () ->
                    new RegistryException(
                        ErrorCode.PUBLISHER_KEY_NOT_FOUND,
                        "Model " + name + " has no publisher key " + keyId + "."));
    key.revoke(clock.instant());
    ModelView after = model.view();
    audit.record("model.key.revoke", "model", name, before, after);
    events.publishEvent(new ModelChanged(model.id()));
    return after;
  }

  /**
   * The model for features that reference it.
   *
   * @throws RegistryException {@code MODEL_NOT_FOUND}
   */
  @Transactional(readOnly = true)
  public ModelRef require(String name) {
    Model m = model(name);
    return new ModelRef(m.id(), m.name(), m.targetsSigning());
  }

  @Transactional(readOnly = true)
  public Optional<ModelRef> find(String name) {
    return models.findByName(name).map(m -> new ModelRef(m.id(), m.name(), m.targetsSigning()));
  }

  @Transactional(readOnly = true)
  public Optional<ModelRef> findById(long id) {
    return models.findById(id).map(m -> new ModelRef(m.id(), m.name(), m.targetsSigning()));
  }

  /** All models (for background work such as metadata refreshes). */
  @Transactional(readOnly = true)
  public List<ModelRef> all() {
    return models.findAllByOrderByName().stream()
        .map(m -> new ModelRef(m.id(), m.name(), m.targetsSigning()))
        .toList();
  }

  /** The keys uploads of this model may currently be signed with. */
  @Transactional(readOnly = true)
  public List<VerificationKey> activeKeys(long modelId) {
    Model m =
        models
            .findById(modelId)
            .orElseThrow(() -> new RegistryException(ErrorCode.MODEL_NOT_FOUND, "No such model."));
    return m.keys().stream().filter(PublisherKey::active).map(k -> parseStored(k.pem())).toList();
  }

  /**
   * Locks the model row until the caller's transaction ends, serializing e.g. release numbering.
   */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
  public void lock(long modelId) {
    models.lockById(modelId);
  }

  private Model model(String name) {
    return models
        .findByName(name)
        .orElseThrow(
            () ->
                new RegistryException(
                    ErrorCode.MODEL_NOT_FOUND,
                    "No model named " + name + ".",
                    Map.of("model", name)));
  }

  private static VerificationKey parse(String pem) {
    try {
      return VerificationKey.fromPem(pem);
    } catch (KeyFormatException e) {
      throw new RegistryException(
          ErrorCode.INVALID_PUBLIC_KEY,
          "Publisher key is not a PEM ECDSA P-256/P-384 or Ed25519 public key: " + e.getMessage());
    }
  }

  private static VerificationKey parseStored(String pem) {
    try {
      return VerificationKey.fromPem(pem);
    } catch (KeyFormatException e) {
      throw new IllegalStateException("stored publisher key no longer parses", e);
    }
  }
}
