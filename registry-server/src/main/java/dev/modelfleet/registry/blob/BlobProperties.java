package dev.modelfleet.registry.blob;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code modelfleet.blob.*}.
 *
 * @param type {@code filesystem} (default) or {@code s3}
 * @param downloadUrlTtl how long download links stay valid
 * @param filesystem settings of the filesystem store
 * @param s3 settings of the S3 store
 * @param sweeper orphan sweeper settings
 */
@ConfigurationProperties("modelfleet.blob")
public record BlobProperties(
    @DefaultValue("filesystem") Type type,
    @DefaultValue("1h") Duration downloadUrlTtl,
    @DefaultValue Filesystem filesystem,
    @DefaultValue S3 s3,
    @DefaultValue Sweeper sweeper) {

  public enum Type {
    FILESYSTEM,
    S3
  }

  /**
   * @param directory where blobs live; {@code <data-dir>/blobs} when absent
   * @param urlSigningKey secret (at least 32 characters) for signing download links; generated into
   *     {@code <data-dir>/keys/url-signing.key} when absent. Replicas must share it.
   */
  public record Filesystem(@Nullable Path directory, @Nullable String urlSigningKey) {}

  /**
   * @param bucket bucket name (required for type s3)
   * @param region AWS region, e.g. {@code eu-central-1}
   * @param endpoint endpoint override for S3-compatible stores (MinIO, Ceph, ...)
   * @param pathStyleAccess use {@code endpoint/bucket/key} URLs (needed by most S3-compatible
   *     stores)
   * @param accessKeyId static credentials; the AWS default credential chain when absent
   * @param secretAccessKey static credentials
   * @param prefix key prefix inside the bucket
   * @param partSize multipart upload part size (at least 5 MB)
   * @param multipartThreshold files larger than this are uploaded in parts
   */
  public record S3(
      @Nullable String bucket,
      @DefaultValue("us-east-1") String region,
      @Nullable URI endpoint,
      @DefaultValue("false") boolean pathStyleAccess,
      @Nullable String accessKeyId,
      @Nullable String secretAccessKey,
      @DefaultValue("") String prefix,
      @DefaultValue("64MB") DataSize partSize,
      @DefaultValue("64MB") DataSize multipartThreshold) {}

  /**
   * @param enabled run the sweeper on a schedule
   * @param interval time between sweeps
   * @param grace blobs younger than this are never swept (an in-flight publish may be about to
   *     reference them)
   */
  public record Sweeper(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("1h") Duration interval,
      @DefaultValue("6h") Duration grace) {}
}
