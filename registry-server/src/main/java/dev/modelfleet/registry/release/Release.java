package dev.modelfleet.registry.release;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "model_release")
class Release {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private @Nullable Long id;

  @Column(name = "model_id", nullable = false)
  private long modelId;

  @Column(name = "release_number", nullable = false)
  private long releaseNumber;

  @Column(name = "version_label", nullable = false)
  private String versionLabel;

  private @Nullable String notes;

  @Column(name = "base_model")
  private @Nullable String baseModel;

  @Column(name = "training_run_id")
  private @Nullable String trainingRunId;

  @Column(name = "dataset_digest")
  private @Nullable String datasetDigest;

  @Column(nullable = false)
  private String labels;

  @Column(name = "validation_spec")
  private @Nullable String validationSpec;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ReleaseStatus status;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "created_by", nullable = false)
  private String createdBy;

  @Column(name = "deprecated_at")
  private @Nullable Instant deprecatedAt;

  @Column(name = "revoked_at")
  private @Nullable Instant revokedAt;

  @Column(name = "revocation_reason")
  private @Nullable String revocationReason;

  @OneToMany(mappedBy = "release", cascade = CascadeType.ALL)
  @OrderBy("id")
  private List<Variant> variants = new ArrayList<>();

  @Version private long version;

  @SuppressWarnings("NullAway.Init")
  protected Release() {}

  @SuppressWarnings("TooManyParameters")
  Release(
      long modelId,
      long releaseNumber,
      String versionLabel,
      @Nullable String notes,
      @Nullable String baseModel,
      @Nullable String trainingRunId,
      @Nullable String datasetDigest,
      String labelsJson,
      @Nullable String validationJson,
      Instant createdAt,
      String createdBy) {
    this.modelId = modelId;
    this.releaseNumber = releaseNumber;
    this.versionLabel = versionLabel;
    this.notes = notes;
    this.baseModel = baseModel;
    this.trainingRunId = trainingRunId;
    this.datasetDigest = datasetDigest;
    this.labels = labelsJson;
    this.validationSpec = validationJson;
    this.status = ReleaseStatus.ACTIVE;
    this.createdAt = createdAt;
    this.createdBy = createdBy;
  }

  long id() {
    if (id == null) {
      throw new IllegalStateException("release not saved yet");
    }
    return id;
  }

  long modelId() {
    return modelId;
  }

  long releaseNumber() {
    return releaseNumber;
  }

  String versionLabel() {
    return versionLabel;
  }

  @Nullable String notes() {
    return notes;
  }

  @Nullable String baseModel() {
    return baseModel;
  }

  @Nullable String trainingRunId() {
    return trainingRunId;
  }

  @Nullable String datasetDigest() {
    return datasetDigest;
  }

  String labelsJson() {
    return labels;
  }

  @Nullable String validationJson() {
    return validationSpec;
  }

  ReleaseStatus status() {
    return status;
  }

  Instant createdAt() {
    return createdAt;
  }

  String createdBy() {
    return createdBy;
  }

  @Nullable Instant deprecatedAt() {
    return deprecatedAt;
  }

  @Nullable Instant revokedAt() {
    return revokedAt;
  }

  @Nullable String revocationReason() {
    return revocationReason;
  }

  List<Variant> variants() {
    return variants;
  }

  void addVariant(Variant v) {
    variants.add(v);
  }

  void deprecate(Instant at) {
    if (status == ReleaseStatus.ACTIVE) {
      status = ReleaseStatus.DEPRECATED;
      deprecatedAt = at;
    }
  }

  void revoke(Instant at, String reason) {
    if (status != ReleaseStatus.REVOKED) {
      status = ReleaseStatus.REVOKED;
      revokedAt = at;
      revocationReason = reason;
    }
  }
}
