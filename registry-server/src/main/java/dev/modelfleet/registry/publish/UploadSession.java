package dev.modelfleet.registry.publish;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "upload_session")
class UploadSession {
  @Id private UUID id;

  @Column(name = "model_id", nullable = false)
  private long modelId;

  @Column(name = "release_version", nullable = false)
  private String releaseVersion;

  @Column(name = "profile_id", nullable = false)
  private long profileId;

  @Column(name = "file_name", nullable = false)
  private String fileName;

  @Column(name = "declared_size", nullable = false)
  private long declaredSize;

  @Column(name = "declared_sha256")
  private @Nullable String declaredSha256;

  @Column(name = "preference_rank", nullable = false)
  private int preferenceRank;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private UploadStatus status;

  @Column(name = "created_by", nullable = false)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "failure_code")
  private @Nullable String failureCode;

  @Column(name = "failure_detail")
  private @Nullable String failureDetail;

  @Version private long version;

  @SuppressWarnings("NullAway.Init")
  protected UploadSession() {}

  @SuppressWarnings("TooManyParameters")
  UploadSession(
      UUID id,
      long modelId,
      String releaseVersion,
      long profileId,
      String fileName,
      long declaredSize,
      @Nullable String declaredSha256,
      int preferenceRank,
      String createdBy,
      Instant now,
      Instant expiresAt) {
    this.id = id;
    this.modelId = modelId;
    this.releaseVersion = releaseVersion;
    this.profileId = profileId;
    this.fileName = fileName;
    this.declaredSize = declaredSize;
    this.declaredSha256 = declaredSha256;
    this.preferenceRank = preferenceRank;
    this.status = UploadStatus.OPEN;
    this.createdBy = createdBy;
    this.createdAt = now;
    this.updatedAt = now;
    this.expiresAt = expiresAt;
  }

  UUID id() {
    return id;
  }

  long modelId() {
    return modelId;
  }

  String releaseVersion() {
    return releaseVersion;
  }

  long profileId() {
    return profileId;
  }

  String fileName() {
    return fileName;
  }

  long declaredSize() {
    return declaredSize;
  }

  @Nullable String declaredSha256() {
    return declaredSha256;
  }

  int preferenceRank() {
    return preferenceRank;
  }

  UploadStatus status() {
    return status;
  }

  String createdBy() {
    return createdBy;
  }

  Instant createdAt() {
    return createdAt;
  }

  Instant updatedAt() {
    return updatedAt;
  }

  Instant expiresAt() {
    return expiresAt;
  }

  @Nullable String failureCode() {
    return failureCode;
  }

  @Nullable String failureDetail() {
    return failureDetail;
  }

  void moveTo(UploadStatus next, Instant at) {
    this.status = next;
    this.updatedAt = at;
  }

  void fail(String code, String detail, Instant at) {
    this.status = UploadStatus.FAILED;
    this.failureCode = code;
    this.failureDetail = detail.length() > 2000 ? detail.substring(0, 2000) : detail;
    this.updatedAt = at;
  }
}
