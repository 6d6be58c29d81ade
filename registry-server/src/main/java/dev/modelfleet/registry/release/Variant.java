package dev.modelfleet.registry.release;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "variant")
class Variant {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private @Nullable Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "release_id")
  private Release release;

  @Column(name = "profile_id", nullable = false)
  private long profileId;

  @Column(name = "file_name", nullable = false)
  private String fileName;

  @Column(nullable = false)
  private String sha256;

  @Column(name = "size_bytes", nullable = false)
  private long size;

  @Column(name = "quant_type", nullable = false)
  private String quantType;

  @Column(nullable = false)
  private String architecture;

  @Column(name = "context_length")
  private @Nullable Long contextLength;

  @Column(name = "parameter_count", nullable = false)
  private long parameterCount;

  @Column(name = "tensor_count", nullable = false)
  private long tensorCount;

  @Column(name = "signature_bundle", nullable = false)
  private String signatureBundle;

  @Column(name = "signing_key_id", nullable = false)
  private String signingKeyId;

  @Column(name = "preference_rank", nullable = false)
  private int preferenceRank;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @SuppressWarnings("NullAway.Init")
  protected Variant() {}

  Variant(Release release, NewVariant v, Instant createdAt) {
    this.release = release;
    this.profileId = v.profileId();
    this.fileName = v.fileName();
    this.sha256 = v.sha256();
    this.size = v.size();
    this.quantType = v.quantType();
    this.architecture = v.architecture();
    this.contextLength = v.contextLength();
    this.parameterCount = v.parameterCount();
    this.tensorCount = v.tensorCount();
    this.signatureBundle = v.signatureBundle();
    this.signingKeyId = v.signingKeyId();
    this.preferenceRank = v.preferenceRank();
    this.createdAt = createdAt;
  }

  long id() {
    if (id == null) {
      throw new IllegalStateException("variant not saved yet");
    }
    return id;
  }

  Release release() {
    return release;
  }

  long profileId() {
    return profileId;
  }

  String fileName() {
    return fileName;
  }

  String sha256() {
    return sha256;
  }

  long size() {
    return size;
  }

  String signatureBundle() {
    return signatureBundle;
  }

  String quantType() {
    return quantType;
  }

  VariantView view(String profile) {
    return new VariantView(
        profile,
        fileName,
        sha256,
        size,
        quantType,
        architecture,
        contextLength,
        parameterCount,
        tensorCount,
        signingKeyId,
        preferenceRank,
        createdAt);
  }
}
