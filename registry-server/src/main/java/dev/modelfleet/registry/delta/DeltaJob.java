package dev.modelfleet.registry.delta;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "delta_job")
class DeltaJob {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private @Nullable Long id;

  @Column(name = "model_id", nullable = false)
  private long modelId;

  @Column(name = "source_variant_id", nullable = false)
  private long sourceVariantId;

  @Column(name = "target_variant_id", nullable = false)
  private long targetVariantId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private DeltaJobStatus status;

  @Column(nullable = false)
  private int attempts;

  private @Nullable String strategy;

  @Column(name = "patch_sha256")
  private @Nullable String patchSha256;

  @Column(name = "patch_size")
  private @Nullable Long patchSize;

  private @Nullable String error;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "started_at")
  private @Nullable Instant startedAt;

  @Column(name = "finished_at")
  private @Nullable Instant finishedAt;

  @SuppressWarnings("NullAway.Init")
  protected DeltaJob() {}

  DeltaJob(long modelId, long sourceVariantId, long targetVariantId, Instant createdAt) {
    this.modelId = modelId;
    this.sourceVariantId = sourceVariantId;
    this.targetVariantId = targetVariantId;
    this.status = DeltaJobStatus.QUEUED;
    this.createdAt = createdAt;
  }

  long id() {
    if (id == null) {
      throw new IllegalStateException("job not saved yet");
    }
    return id;
  }

  long modelId() {
    return modelId;
  }

  long sourceVariantId() {
    return sourceVariantId;
  }

  long targetVariantId() {
    return targetVariantId;
  }

  DeltaJobStatus status() {
    return status;
  }

  int attempts() {
    return attempts;
  }

  @Nullable String strategy() {
    return strategy;
  }

  @Nullable String patchSha256() {
    return patchSha256;
  }

  @Nullable Long patchSize() {
    return patchSize;
  }

  @Nullable String error() {
    return error;
  }

  Instant createdAt() {
    return createdAt;
  }

  @Nullable Instant startedAt() {
    return startedAt;
  }

  @Nullable Instant finishedAt() {
    return finishedAt;
  }

  void succeed(String strategy, String sha256, long size, Instant at) {
    this.status = DeltaJobStatus.SUCCEEDED;
    this.strategy = strategy;
    this.patchSha256 = sha256;
    this.patchSize = size;
    this.error = null;
    this.finishedAt = at;
  }

  void fail(String error, boolean retry, Instant at) {
    this.status = retry ? DeltaJobStatus.QUEUED : DeltaJobStatus.FAILED;
    this.error = error.length() > 2000 ? error.substring(0, 2000) : error;
    this.finishedAt = at;
  }
}
