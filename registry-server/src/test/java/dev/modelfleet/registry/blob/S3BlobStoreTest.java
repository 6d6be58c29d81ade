package dev.modelfleet.registry.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store against S3Proxy in-process with SigV4: real S3 protocol, no Docker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3BlobStoreTest {
  static final String ID = "test-access-key";
  static final String SECRET = "test-secret-key-0123456789";
  static final String BUCKET = "modelfleet-blobs";

  S3Proxy proxy;
  S3BlobStore store;
  @TempDir Path dir;

  @BeforeAll
  void startS3Proxy() throws Exception {
    proxy =
        S3Proxy.builder()
            .blobStore(new TransientNio2BlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V4, ID, SECRET)
            .build();
    proxy.start();
    URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    try (S3Client admin =
        S3Client.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(endpoint)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ID, SECRET)))
            .build()) {
      admin.createBucket(b -> b.bucket(BUCKET));
    }
    BlobProperties.S3 s3 =
        new BlobProperties.S3(
            BUCKET,
            "us-east-1",
            endpoint,
            true,
            ID,
            SECRET,
            "registry/",
            DataSize.ofMegabytes(5),
            DataSize.ofMegabytes(5));
    store =
        new BlobStoreConfiguration()
            .s3BlobStore(
                new BlobProperties(
                    BlobProperties.Type.S3,
                    Duration.ofHours(1),
                    new BlobProperties.Filesystem(null, null),
                    s3,
                    new BlobProperties.Sweeper(true, Duration.ofHours(1), Duration.ofHours(6))));
  }

  @AfterAll
  void stopS3Proxy() throws Exception {
    proxy.stop();
  }

  Path file(String name, int size, long seed) throws Exception {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  @Test
  void largeBlobGoesUpAsMultipartAndDownloadsThroughAPresignedUrlWithRange() throws Exception {
    Path big = file("big.bin", 12 * 1024 * 1024 + 123, 1);
    String sha = Digests.sha256(big);
    byte[] expected = Files.readAllBytes(big);

    BlobStore.BlobInfo info = store.put(big, sha);
    assertThat(info.size()).isEqualTo(expected.length);
    assertThat(big).doesNotExist();
    assertThat(Digests.sha256(store.open(sha))).isEqualTo(sha);

    URI url = store.downloadUrl(sha, "model.gguf", Duration.ofMinutes(5), URI.create("http://x"));
    assertThat(url.getQuery()).contains("X-Amz-Signature");
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<byte[]> whole =
        http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(expected);
    HttpResponse<byte[]> range =
        http.send(
            HttpRequest.newBuilder(url).header("Range", "bytes=100-199").build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.body()).hasSize(100).startsWith(expected[100], expected[101]);
  }

  @Test
  void identicalContentIsStoredOnceAndCanBeListedAndDeleted() throws Exception {
    Path a = file("a.bin", 1000, 2);
    String sha = Digests.sha256(a);
    store.put(a, sha);
    Path again = file("a-again.bin", 1000, 2);
    store.put(again, sha);
    assertThat(again).doesNotExist();
    List<String> listed = new ArrayList<>();
    store.forEach(b -> listed.add(b.sha256()));
    assertThat(listed).containsOnlyOnce(sha);
    try (BlobStore.LocalCopy copy = store.localCopy(sha, dir.resolve("scratch"))) {
      assertThat(Digests.sha256(copy.path())).isEqualTo(sha);
    }
    store.delete(sha);
    assertThat(store.find(sha)).isEmpty();
  }

  @Test
  void tamperedPresignedUrlIsRefusedByTheStore() throws Exception {
    Path a = file("c.bin", 2000, 3);
    String sha = Digests.sha256(a);
    store.put(a, sha);
    URI url = store.downloadUrl(sha, "c.gguf", Duration.ofMinutes(5), URI.create("http://x"));
    URI other = URI.create(url.toString().replace(sha, "0".repeat(64)));
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(other).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
  }
}
