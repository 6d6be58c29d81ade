package dev.modelfleet.registry.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.http.ContentDisposition;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Blobs as objects {@code <prefix>sha256/<hex>} in one bucket. Large files go up as multipart
 * uploads (aborted on failure, so no parts linger); downloads are presigned GETs straight from the
 * bucket.
 */
final class S3BlobStore implements BlobStore {
  private final S3Client s3;
  private final S3Presigner presigner;
  private final String bucket;
  private final String prefix;
  private final long partSize;
  private final long multipartThreshold;

  S3BlobStore(
      S3Client s3,
      S3Presigner presigner,
      String bucket,
      String prefix,
      long partSize,
      long multipartThreshold) {
    if (partSize < 5L * 1024 * 1024) {
      throw new IllegalArgumentException("S3 part size must be at least 5 MB");
    }
    this.s3 = s3;
    this.presigner = presigner;
    this.bucket = bucket;
    this.prefix = prefix;
    this.partSize = partSize;
    this.multipartThreshold = multipartThreshold;
  }

  String key(String sha256) {
    Digests.requireSha256(sha256);
    return prefix + "sha256/" + sha256;
  }

  @Override
  public BlobInfo put(Path file, String sha256) throws IOException {
    String key = key(sha256);
    Optional<BlobInfo> existing = find(sha256);
    if (existing.isPresent()) {
      Files.deleteIfExists(file);
      return existing.get();
    }
    long size = Files.size(file);
    try {
      if (size <= multipartThreshold) {
        s3.putObject(
            b -> b.bucket(bucket).key(key).contentLength(size), RequestBody.fromFile(file));
      } else {
        multipart(file, key, size);
      }
    } catch (SdkException e) {
      throw new IOException("S3 upload of " + key + " failed: " + e.getMessage(), e);
    }
    Files.deleteIfExists(file);
    return find(sha256)
        .orElseThrow(() -> new IOException("S3 lost " + key + " right after upload"));
  }

  private void multipart(Path file, String key, long size) {
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      int number = 1;
      for (long offset = 0; offset < size; offset += partSize, number++) {
        long length = Math.min(partSize, size - offset);
        int partNumber = number;
        String etag =
            s3.uploadPart(
                    b ->
                        b.bucket(bucket)
                            .key(key)
                            .uploadId(uploadId)
                            .partNumber(partNumber)
                            .contentLength(length),
                    RequestBody.fromContentProvider(
                        slice(file, offset, length), length, "application/octet-stream"))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
      }
      s3.completeMultipartUpload(
          b ->
              b.bucket(bucket)
                  .key(key)
                  .uploadId(uploadId)
                  .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
    } catch (RuntimeException e) {
      try {
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
      } catch (RuntimeException abortFailed) {
        e.addSuppressed(abortFailed);
      }
      throw e;
    }
  }

  /** Re-openable (for SDK retries) stream over one part of the file. */
  private static ContentStreamProvider slice(Path file, long offset, long length) {
    return () -> {
      try {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ch.position(offset);
        InputStream in = Channels.newInputStream(ch);
        return new BoundedInputStream(in, length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  @Override
  public Optional<BlobInfo> find(String sha256) throws IOException {
    try {
      HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key(sha256)));
      return Optional.of(new BlobInfo(sha256, head.contentLength(), head.lastModified()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw new IOException("S3 HEAD failed: " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new IOException("S3 HEAD failed: " + e.getMessage(), e);
    }
  }

  @Override
  public InputStream open(String sha256) throws IOException {
    try {
      return s3.getObject(b -> b.bucket(bucket).key(key(sha256)));
    } catch (NoSuchKeyException e) {
      throw new java.nio.file.NoSuchFileException(key(sha256));
    } catch (SdkException e) {
      throw new IOException("S3 GET failed: " + e.getMessage(), e);
    }
  }

  @Override
  public LocalCopy localCopy(String sha256, Path scratchDir) throws IOException {
    Files.createDirectories(scratchDir);
    Path tmp = Files.createTempFile(scratchDir, sha256.substring(0, 12), ".blob");
    Files.delete(tmp); // the SDK refuses to overwrite
    try {
      s3.getObject(b -> b.bucket(bucket).key(key(sha256)), ResponseTransformer.toFile(tmp));
    } catch (SdkException e) {
      Files.deleteIfExists(tmp);
      throw new IOException("S3 download failed: " + e.getMessage(), e);
    }
    return new LocalCopy() {
      @Override
      public Path path() {
        return tmp;
      }

      @Override
      public void close() throws IOException {
        Files.deleteIfExists(tmp);
      }
    };
  }

  @Override
  public URI downloadUrl(String sha256, String fileName, Duration ttl, URI registryBase) {
    String disposition = ContentDisposition.attachment().filename(fileName).build().toString();
    return URI.create(
        presigner
            .presignGetObject(
                p ->
                    p.signatureDuration(ttl)
                        .getObjectRequest(
                            g ->
                                g.bucket(bucket)
                                    .key(key(sha256))
                                    .responseContentDisposition(disposition)))
            .url()
            .toString());
  }

  @Override
  public void delete(String sha256) throws IOException {
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(key(sha256)));
    } catch (SdkException e) {
      throw new IOException("S3 DELETE failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void forEach(Consumer<BlobInfo> visitor) throws IOException {
    String listPrefix = prefix + "sha256/";
    try {
      for (S3Object o :
          s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(listPrefix)).contents()) {
        String name = o.key().substring(listPrefix.length());
        if (Digests.isSha256(name)) {
          visitor.accept(new BlobInfo(name, o.size(), o.lastModified()));
        }
      }
    } catch (SdkException e) {
      throw new IOException("S3 LIST failed: " + e.getMessage(), e);
    }
  }

  /** Checks that the bucket is reachable (readiness). */
  void ping() {
    s3.headBucket(b -> b.bucket(bucket));
  }
}
