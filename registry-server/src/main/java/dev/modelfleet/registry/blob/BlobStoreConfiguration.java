package dev.modelfleet.registry.blob;

import dev.modelfleet.registry.support.RegistryProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Picks the blob store from {@code modelfleet.blob.type} and exposes its readiness. */
@Configuration(proxyBeanMethods = false)
class BlobStoreConfiguration {

  @Bean
  @ConditionalOnProperty(
      name = "modelfleet.blob.type",
      havingValue = "filesystem",
      matchIfMissing = true)
  FilesystemBlobStore filesystemBlobStore(
      BlobProperties blob, RegistryProperties registry, Clock clock) throws IOException {
    Path dataDir = registry.dataDir().toAbsolutePath().normalize();
    Path directory = blob.filesystem().directory();
    Path root = directory != null ? directory : dataDir.resolve("blobs");
    String configured = blob.filesystem().urlSigningKey();
    byte[] key =
        configured != null
            ? configured.getBytes(StandardCharsets.UTF_8)
            : generatedKey(dataDir.resolve("keys").resolve("url-signing.key"));
    return new FilesystemBlobStore(root, new UrlSigner(key), clock);
  }

  @Bean
  @ConditionalOnProperty(name = "modelfleet.blob.type", havingValue = "s3")
  S3BlobStore s3BlobStore(BlobProperties blob) {
    BlobProperties.S3 s3 = blob.s3();
    String bucket = s3.bucket();
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalStateException("modelfleet.blob.s3.bucket is required for type s3");
    }
    Region region = Region.of(s3.region());
    AwsCredentialsProvider credentials = credentials(s3);
    S3Configuration service =
        S3Configuration.builder().pathStyleAccessEnabled(s3.pathStyleAccess()).build();
    var client =
        S3Client.builder()
            .region(region)
            .credentialsProvider(credentials)
            .serviceConfiguration(service)
            // S3-compatible stores rarely implement the newer flexible checksums.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    var presigner =
        S3Presigner.builder()
            .region(region)
            .credentialsProvider(credentials)
            .serviceConfiguration(service);
    URI endpoint = s3.endpoint();
    if (endpoint != null) {
      client.endpointOverride(endpoint);
      presigner.endpointOverride(endpoint);
    }
    return new S3BlobStore(
        client.build(),
        presigner.build(),
        bucket,
        s3.prefix(),
        s3.partSize().toBytes(),
        s3.multipartThreshold().toBytes());
  }

  @Bean
  HealthIndicator blobStoreHealthIndicator(BlobStore store) {
    return () -> {
      try {
        if (store instanceof S3BlobStore s3) {
          s3.ping();
        } else if (store instanceof FilesystemBlobStore fs && !Files.isWritable(fs.root())) {
          return Health.down().withDetail("reason", "blob directory not writable").build();
        }
        return Health.up().build();
      } catch (RuntimeException e) {
        return Health.down().withDetail("reason", "blob store unreachable").build();
      }
    };
  }

  private static AwsCredentialsProvider credentials(BlobProperties.S3 s3) {
    String id = s3.accessKeyId();
    String secret = s3.secretAccessKey();
    if (id != null && secret != null) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  /** Reads the key file, creating it (owner-only) with 32 random bytes on first use. */
  static byte[] generatedKey(Path file) throws IOException {
    if (!Files.exists(file)) {
      Files.createDirectories(file.getParent());
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      try {
        Files.createFile(
            tmp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(tmp);
      }
      Files.writeString(tmp, Base64.getEncoder().encodeToString(bytes), StandardCharsets.US_ASCII);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }
    return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
  }
}
