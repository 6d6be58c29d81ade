package dev.modelfleet.registry.publish;

import dev.modelfleet.registry.audit.AuditLog;
import dev.modelfleet.registry.blob.BlobStore;
import dev.modelfleet.registry.error.ErrorCode;
import dev.modelfleet.registry.error.RegistryException;
import dev.modelfleet.registry.model.ModelCatalog;
import dev.modelfleet.registry.model.ModelRef;
import dev.modelfleet.registry.profile.ProfileCatalog;
import dev.modelfleet.registry.release.NewVariant;
import dev.modelfleet.registry.release.ReleaseCatalog;
import dev.modelfleet.registry.release.ReleaseStatus;
import dev.modelfleet.registry.release.VariantView;
import dev.modelfleet.registry.support.CurrentActor;
import dev.modelfleet.registry.support.Names;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Upload sessions: open, append chunks, commit (verify, store, publish) or abort. Long work (byte
 * streaming, hashing, signature checks) runs outside database transactions.
 */
@Service
public class Uploads {
  private static final Logger log = LoggerFactory.getLogger(Uploads.class);

  private final UploadSessionRepository sessions;
  private final StagingArea staging;
  private final UploadVerifier verifier;
  private final BlobStore blobs;
  private final ModelCatalog models;
  private final ProfileCatalog profiles;
  private final ReleaseCatalog releases;
  private final AuditLog audit;
  private final UploadProperties properties;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Counter uploadedBytes;
  private final MeterRegistry meters;
  private final Timer verifyTimer;

  @SuppressWarnings("TooManyParameters")
  Uploads(
      UploadSessionRepository sessions,
      StagingArea staging,
      UploadVerifier verifier,
      BlobStore blobs,
      ModelCatalog models,
      ProfileCatalog profiles,
      ReleaseCatalog releases,
      AuditLog audit,
      UploadProperties properties,
      TransactionTemplate tx,
      Clock clock,
      MeterRegistry meters) {
    this.sessions = sessions;
    this.staging = staging;
    this.verifier = verifier;
    this.blobs = blobs;
    this.models = models;
    this.profiles = profiles;
    this.releases = releases;
    this.audit = audit;
    this.properties = properties;
    this.tx = tx;
    this.clock = clock;
    this.meters = meters;
    this.uploadedBytes = meters.counter("modelfleet.upload.bytes");
    this.verifyTimer = meters.timer("modelfleet.publish.verify.duration");
  }

  /**
   * Opens an upload session, or returns the caller's identical open session so a re-run resumes.
   *
   * @throws RegistryException {@code INVALID_NAME}, {@code MODEL_NOT_FOUND}, {@code
   *     RELEASE_NOT_FOUND}, {@code RELEASE_REVOKED}, {@code UNKNOWN_PROFILE}, {@code
   *     UPLOAD_TOO_LARGE}, {@code STORAGE_FULL}
   */
  @PreAuthorize("hasRole('PUBLISHER')")
  public UploadView open(CreateUploadRequest request) throws IOException {
    Names.requireFileName(request.fileName());
    ModelRef model = models.require(request.model());
    ReleaseStatus status =
        releases
            .findStatus(model.id(), request.release())
            .orElseThrow(
                () ->
                    new RegistryException(
                        ErrorCode.RELEASE_NOT_FOUND,
                        "Model " + model.name() + " has no release " + request.release() + ".",
                        Map.of("model", model.name(), "version", request.release())));
    if (status == ReleaseStatus.REVOKED) {
      throw new RegistryException(
          ErrorCode.RELEASE_REVOKED, "Release " + request.release() + " is revoked.");
    }
    long profileId = profiles.requireId(request.profile());
    long max = properties.maxFileSize().toBytes();
    if (request.size() > max) {
      throw new RegistryException(
          ErrorCode.UPLOAD_TOO_LARGE,
          "The file has " + request.size() + " bytes; this registry accepts at most " + max + ".",
          Map.of("maxSize", max));
    }
    String caller = CurrentActor.name();
    String sha = request.sha256();
    if (sha != null) {
      List<UploadSession> same =
          sessions
              .findByModelIdAndReleaseVersionAndProfileIdAndFileNameAndDeclaredSizeAndDeclaredSha256AndCreatedByAndStatus(
                  model.id(),
                  request.release(),
                  profileId,
                  request.fileName(),
                  request.size(),
                  sha,
                  caller,
                  UploadStatus.OPEN);
      for (UploadSession s : same) {
        if (s.expiresAt().isAfter(clock.instant())) {
          return view(s);
        }
      }
    }
    if (staging.usableSpace() < request.size() + properties.minFreeSpace().toBytes()) {
      throw new RegistryException(
          ErrorCode.STORAGE_FULL, "The registry has not enough free staging space for this file.");
    }
    Instant now = clock.instant();
    UploadSession session =
        new UploadSession(
            UUID.randomUUID(),
            model.id(),
            request.release(),
            profileId,
            request.fileName(),
            request.size(),
            sha,
            request.preferenceRank() == null ? 0 : request.preferenceRank(),
            caller,
            now,
            now.plus(properties.sessionTtl()));
    staging.create(session.id());
    try {
      tx.executeWithoutResult(
          t -> {
            sessions.save(session);
            audit.record("upload.open", "upload", session.id().toString(), null, describe(session));
          });
    } catch (RuntimeException e) {
      staging.delete(session.id());
      throw e;
    }
    return view(session);
  }

  /**
   * @throws RegistryException {@code UPLOAD_NOT_FOUND}
   */
  @PreAuthorize("hasRole('PUBLISHER')")
  public UploadView get(UUID id) throws IOException {
    return view(session(id));
  }

  /**
   * Appends one chunk that starts at {@code offset}.
   *
   * @throws RegistryException {@code UPLOAD_NOT_FOUND}, {@code UPLOAD_NOT_OPEN}, {@code
   *     UPLOAD_EXPIRED}, {@code UPLOAD_OFFSET_MISMATCH}, {@code UPLOAD_TOO_LARGE}
   */
  @PreAuthorize("hasRole('PUBLISHER')")
  public UploadView append(UUID id, long offset, @Nullable Long contentLength, InputStream body)
      throws IOException {
    UploadSession session = requireOpen(session(id));
    long remaining = session.declaredSize() - offset;
    if (contentLength != null && contentLength > remaining) {
      throw new RegistryException(
          ErrorCode.UPLOAD_TOO_LARGE,
          "This chunk of "
              + contentLength
              + " bytes would exceed the declared size of "
              + session.declaredSize()
              + ".",
          Map.of("expectedOffset", staging.size(id)));
    }
    long before = staging.size(id);
    try {
      staging.append(id, offset, body, Math.max(0, remaining));
    } finally {
      long added = staging.size(id) - before;
      if (added > 0) {
        uploadedBytes.increment(added);
      }
    }
    return view(session);
  }

  /**
   * Verifies and publishes the uploaded file. On any refusal the staged bytes are deleted and the
   * session is FAILED: nothing of the upload stays visible.
   *
   * @throws RegistryException {@code UPLOAD_INCOMPLETE}, {@code SIGNATURE_MISSING}, {@code
   *     SIGNATURE_INVALID}, {@code INVALID_GGUF}, {@code GGUF_TRUNCATED}, {@code DIGEST_MISMATCH},
   *     {@code VARIANT_EXISTS}, ...
   */
  @PreAuthorize("hasRole('PUBLISHER')")
  public VariantView commit(UUID id, @Nullable String signatureBundle) throws IOException {
    UploadSession session = requireOpen(session(id));
    long have = staging.size(id);
    if (have != session.declaredSize()) {
      throw new RegistryException(
          ErrorCode.UPLOAD_INCOMPLETE,
          "The server has "
              + have
              + " of "
              + session.declaredSize()
              + " bytes; send the rest before committing.",
          Map.of("expectedOffset", have));
    }
    if (signatureBundle != null
        && signatureBundle.length() > properties.maxSignatureSize().toBytes()) {
      throw new RegistryException(
          ErrorCode.SIGNATURE_INVALID, "The signature bundle is larger than allowed.");
    }
    transition(id, UploadStatus.OPEN, UploadStatus.VERIFYING);
    try {
      Timer.Sample sample = Timer.start(meters);
      UploadVerifier.Verified v =
          verifier.verify(
              staging.path(id),
              session.fileName(),
              signatureBundle,
              models.activeKeys(session.modelId()));
      String sha256 = staging.sha256(id);
      sample.stop(verifyTimer);
      String declared = session.declaredSha256();
      if (declared != null && !declared.equals(sha256)) {
        throw new RegistryException(
            ErrorCode.DIGEST_MISMATCH,
            "The uploaded bytes have SHA-256 " + sha256 + ", not the declared " + declared + ".");
      }
      staging.fsync(id);
      blobs.put(staging.path(id), sha256);
      VariantView variant =
          tx.execute(
              t -> {
                VariantView published =
                    releases.addVariant(
                        new NewVariant(
                            session.modelId(),
                            session.releaseVersion(),
                            session.profileId(),
                            session.fileName(),
                            sha256,
                            session.declaredSize(),
                            v.quantType(),
                            v.architecture(),
                            v.contextLength(),
                            v.parameterCount(),
                            v.tensorCount(),
                            java.util.Objects.requireNonNull(signatureBundle),
                            v.signingKeyId(),
                            session.preferenceRank()));
                UploadSession s = session(id);
                s.moveTo(UploadStatus.COMMITTED, clock.instant());
                audit.record(
                    "upload.commit", "upload", id.toString(), null, Map.of("sha256", sha256));
                return published;
              });
      staging.delete(id);
      meters.counter("modelfleet.publish", "outcome", "published", "reason", "none").increment();
      return java.util.Objects.requireNonNull(variant);
    } catch (RegistryException e) {
      reject(id, e.code().name(), e.getMessage());
      throw e;
    } catch (IOException | RuntimeException e) {
      reject(id, ErrorCode.INTERNAL_ERROR.name(), "verification failed unexpectedly");
      throw e;
    }
  }

  /** Abandons an upload and deletes its bytes. */
  @PreAuthorize("hasRole('PUBLISHER')")
  public UploadView abort(UUID id) throws IOException {
    UploadSession session = requireOpen(session(id));
    transition(id, UploadStatus.OPEN, UploadStatus.ABORTED);
    staging.delete(id);
    tx.executeWithoutResult(
        t -> audit.record("upload.abort", "upload", id.toString(), describe(session), null));
    return view(session(id));
  }

  private void reject(UUID id, String code, String detail) {
    try {
      staging.delete(id);
    } catch (IOException e) {
      log.warn("Could not delete staged bytes of refused upload {}", id, e);
    }
    tx.executeWithoutResult(
        t -> {
          UploadSession s = session(id);
          s.fail(code, detail, clock.instant());
          audit.record(
              "upload.reject",
              "upload",
              id.toString(),
              null,
              Map.of("code", code, "detail", detail));
        });
    meters.counter("modelfleet.publish", "outcome", "rejected", "reason", code).increment();
  }

  private void transition(UUID id, UploadStatus from, UploadStatus to) {
    tx.executeWithoutResult(
        t -> {
          UploadSession s = session(id);
          if (s.status() != from) {
            throw new RegistryException(
                ErrorCode.UPLOAD_NOT_OPEN, "The upload is " + s.status() + ", not " + from + ".");
          }
          s.moveTo(to, clock.instant());
          sessions.saveAndFlush(s);
        });
  }

  private UploadSession requireOpen(UploadSession s) {
    if (s.status() != UploadStatus.OPEN) {
      throw new RegistryException(
          ErrorCode.UPLOAD_NOT_OPEN,
          "The upload is " + s.status() + "; start a new one.",
          Map.of("status", s.status().name()));
    }
    if (!clock.instant().isBefore(s.expiresAt())) {
      throw new RegistryException(
          ErrorCode.UPLOAD_EXPIRED, "The upload session expired; start a new one.");
    }
    if (!s.createdBy().equals(CurrentActor.name())) {
      throw new RegistryException(ErrorCode.UPLOAD_NOT_FOUND, "No upload session " + s.id() + ".");
    }
    return s;
  }

  private UploadSession session(UUID id) {
    return sessions
        .findById(id)
        .orElseThrow(
            () ->
                new RegistryException(ErrorCode.UPLOAD_NOT_FOUND, "No upload session " + id + "."));
  }

  private UploadView view(UploadSession s) throws IOException {
    String model = models.findById(s.modelId()).map(ModelRef::name).orElse("?");
    String profile = profiles.namesById(Set.of(s.profileId())).getOrDefault(s.profileId(), "?");
    long offset = s.status() == UploadStatus.COMMITTED ? s.declaredSize() : staging.size(s.id());
    return new UploadView(
        s.id(),
        model,
        s.releaseVersion(),
        profile,
        s.fileName(),
        s.declaredSize(),
        s.declaredSha256(),
        offset,
        s.status(),
        s.expiresAt(),
        properties.recommendedChunkSize().toBytes(),
        s.failureCode(),
        s.failureDetail());
  }

  private static Map<String, Object> describe(UploadSession s) {
    return Map.of(
        "release", s.releaseVersion(),
        "fileName", s.fileName(),
        "size", s.declaredSize(),
        "status", s.status().name());
  }
}
