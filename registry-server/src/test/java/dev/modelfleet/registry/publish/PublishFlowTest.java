package dev.modelfleet.registry.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfleet.gguf.GgufFile;
import dev.modelfleet.gguf.GgufReader;
import dev.modelfleet.registry.blob.BlobStore;
import dev.modelfleet.registry.blob.Digests;
import dev.modelfleet.registry.testing.Api;
import dev.modelfleet.registry.testing.TestModels;
import dev.modelfleet.signing.SigningKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Publishing over real HTTP into a real database and filesystem blob store. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "modelfleet.bootstrap.token=" + PublishFlowTest.ADMIN_TOKEN,
      "modelfleet.upload.max-file-size=8MB"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishFlowTest {
  static final String ADMIN_TOKEN = "publish-flow-admin-token-0123456789";
  static final Path WORK = Path.of("target", "test-models", "publish-flow");

  @LocalServerPort int port;
  @Autowired BlobStore blobs;
  @Autowired StagingArea staging;

  Api admin;
  SigningKey publisherKey = TestModels.key(1);
  SigningKey strangerKey = TestModels.key(2);
  Path model;
  String bundle;

  @BeforeAll
  void catalog() {
    admin = new Api(port, ADMIN_TOKEN);
    model = TestModels.model(WORK, "assistant-q8.gguf", 1 << 20, 7);
    bundle = TestModels.sign(model, publisherKey);
    assertThat(
            admin.post("/api/v1/profiles", Map.of("name", "cpu-small", "arch", "x86_64")).status())
        .isEqualTo(201);
    assertThat(
            admin
                .post(
                    "/api/v1/models",
                    Map.of(
                        "name",
                        "assistant",
                        "publisherKeys",
                        List.of(TestModels.publicPem(publisherKey))))
                .status())
        .isEqualTo(201);
  }

  void release(String version) {
    assertThat(admin.post("/api/v1/models/assistant/releases", Map.of("version", version)).status())
        .isEqualTo(201);
  }

  Api.Response open(String version, Path file, @Nullable String sha256) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", "assistant");
    body.put("release", version);
    body.put("profile", "cpu-small");
    body.put("fileName", "assistant-q8.gguf");
    body.put("size", Files.size(file));
    if (sha256 != null) {
      body.put("sha256", sha256);
    }
    return admin.post("/api/v1/uploads", body);
  }

  Api.Response put(String id, long offset, byte[] bytes) {
    return admin.putBytes(
        "/api/v1/uploads/" + id, bytes, Map.of("Upload-Offset", Long.toString(offset)));
  }

  /** Uploads {@code file} in chunks and commits with {@code signature}; returns the commit. */
  Api.Response publish(String version, Path file, @Nullable String signature) throws Exception {
    Api.Response opened = open(version, file, null);
    assertThat(opened.status()).isEqualTo(201);
    String id = opened.json().get("id").asString();
    byte[] all = Files.readAllBytes(file);
    int chunk = 300_000;
    for (int off = 0; off < all.length; off += chunk) {
      Api.Response r =
          put(id, off, Arrays.copyOfRange(all, off, Math.min(all.length, off + chunk)));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
    Map<String, Object> commit = new LinkedHashMap<>();
    if (signature != null) {
      commit.put("signatureBundle", signature);
    }
    return admin.post("/api/v1/uploads/" + id + "/commit", commit);
  }

  @Test
  void signedVariantPublishesWithFactsReadFromTheFile() throws Exception {
    release("1.0.0");
    Api.Response r = publish("1.0.0", model, bundle);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    GgufFile gguf = GgufReader.readHeader(model);
    String sha = Digests.sha256(model);
    assertThat(r.json().get("sha256").asString()).isEqualTo(sha);
    assertThat(r.json().get("architecture").asString()).isEqualTo("llama");
    assertThat(r.json().get("quantType").asString()).isEqualTo("Q8_0");
    assertThat(r.json().get("parameterCount").asLong()).isEqualTo(gguf.parameterCount());
    assertThat(r.json().get("tensorCount").asLong()).isEqualTo(gguf.tensors().size());
    assertThat(r.json().get("signingKeyId").asString())
        .isEqualTo(publisherKey.verificationKey().keyId());
    assertThat(blobs.find(sha)).isPresent();

    Api.Response release = admin.get("/api/v1/models/assistant/releases/1.0.0");
    assertThat(release.json().get("variants").get(0).get("profile").asString())
        .isEqualTo("cpu-small");

    // The signed, expiring, Range-capable download link.
    Api.Response link =
        admin.get("/api/v1/models/assistant/releases/1.0.0/variants/cpu-small/download");
    URI url = URI.create(link.json().get("url").asString());
    Api.Response range = admin.getAbsolute(url, Map.of("Range", "bytes=0-3"));
    assertThat(range.status()).isEqualTo(206);
    assertThat(range.body()).isEqualTo("GGUF");
    URI forged = URI.create(url.toString().replaceAll("sig=[0-9a-f]+", "sig=" + "0".repeat(64)));
    Api.Response denied = admin.getAbsolute(forged, Map.of());
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.code()).isEqualTo("DOWNLOAD_LINK_INVALID");
  }

  @Test
  void interruptedUploadResumesFromTheServersOffset() throws Exception {
    release("1.1.0");
    String sha = Digests.sha256(model);
    Api.Response opened = open("1.1.0", model, sha);
    String id = opened.json().get("id").asString();
    byte[] all = Files.readAllBytes(model);
    assertThat(put(id, 0, Arrays.copyOfRange(all, 0, 400_000)).status()).isEqualTo(200);

    // The CI job dies; a re-run with the same file finds the open session and its offset.
    Api.Response resumed = open("1.1.0", model, sha);
    assertThat(resumed.json().get("id").asString()).isEqualTo(id);
    long offset = resumed.json().get("offset").asLong();
    assertThat(offset).isEqualTo(400_000);
    Api.Response wrongOffset = put(id, 0, Arrays.copyOfRange(all, 0, 10));
    assertThat(wrongOffset.status()).isEqualTo(409);
    assertThat(wrongOffset.code()).isEqualTo("UPLOAD_OFFSET_MISMATCH");
    assertThat(wrongOffset.json().get("expectedOffset").asLong()).isEqualTo(400_000);

    Api.Response early =
        admin.post("/api/v1/uploads/" + id + "/commit", Map.of("signatureBundle", bundle));
    assertThat(early.code()).isEqualTo("UPLOAD_INCOMPLETE");
    assertThat(admin.get("/api/v1/models/assistant/releases/1.1.0").json().get("variants"))
        .isEmpty();

    assertThat(put(id, offset, Arrays.copyOfRange(all, (int) offset, all.length)).status())
        .isEqualTo(200);
    Api.Response commit =
        admin.post("/api/v1/uploads/" + id + "/commit", Map.of("signatureBundle", bundle));
    assertThat(commit.status()).as(commit.body()).isEqualTo(201);
    assertThat(Files.exists(staging.path(UUID.fromString(id)))).isFalse();
  }

  @Test
  void unsignedUploadIsRefusedAndLeavesNothingBehind() throws Exception {
    release("2.0.0");
    Api.Response r = publish("2.0.0", model, null);
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.code()).isEqualTo("SIGNATURE_MISSING");
    assertNothingLeft("2.0.0");
  }

  @Test
  void uploadSignedByAnUnregisteredKeyIsRefused() throws Exception {
    release("2.1.0");
    Api.Response r = publish("2.1.0", model, TestModels.sign(model, strangerKey));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.code()).isEqualTo("SIGNATURE_INVALID");
    assertThat(r.json().get("check").asString()).isEqualTo("UNKNOWN_KEY");
    assertNothingLeft("2.1.0");
  }

  @Test
  void tamperedCopyIsRefusedAndLeavesNothingBehind() throws Exception {
    release("2.2.0");
    byte[] bytes = Files.readAllBytes(model);
    bytes[bytes.length - 100] ^= 0x01; // one bit of tensor data
    Path tampered = WORK.resolve("tampered.gguf");
    Files.write(tampered, bytes);
    Api.Response r = publish("2.2.0", tampered, bundle);
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.code()).isEqualTo("SIGNATURE_INVALID");
    assertThat(r.json().get("check").asString()).isEqualTo("DIGEST_MISMATCH");
    assertNothingLeft("2.2.0");
    assertThat(blobs.find(Digests.sha256(tampered))).isEmpty();
  }

  @Test
  void ggufWhoseHeaderPromisesMoreDataThanUploadedIsRefused() throws Exception {
    release("2.3.0");
    byte[] bytes = Files.readAllBytes(model);
    Path truncated = WORK.resolve("truncated.gguf");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 4096));
    // Validly signed as it is: the structure check must still refuse it.
    Api.Response r = publish("2.3.0", truncated, TestModels.sign(truncated, publisherKey));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.code()).isEqualTo("GGUF_TRUNCATED");
    assertNothingLeft("2.3.0");
  }

  @Test
  void fileThatIsNotGgufIsRefused() throws Exception {
    release("2.4.0");
    Path notGguf = WORK.resolve("not.gguf");
    Files.write(notGguf, "definitely not a model".repeat(100).getBytes());
    Api.Response r = publish("2.4.0", notGguf, TestModels.sign(notGguf, publisherKey));
    assertThat(r.code()).isEqualTo("INVALID_GGUF");
    assertNothingLeft("2.4.0");
  }

  @Test
  void declaredDigestMismatchIsRefused() throws Exception {
    release("2.5.0");
    Api.Response opened = open("2.5.0", model, "0".repeat(64));
    String id = opened.json().get("id").asString();
    assertThat(put(id, 0, Files.readAllBytes(model)).status()).isEqualTo(200);
    Api.Response r =
        admin.post("/api/v1/uploads/" + id + "/commit", Map.of("signatureBundle", bundle));
    assertThat(r.code()).isEqualTo("DIGEST_MISMATCH");
    assertNothingLeft("2.5.0");
  }

  @Test
  void oversizedUploadsAreRefused() throws Exception {
    release("3.0.0");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", "assistant");
    body.put("release", "3.0.0");
    body.put("profile", "cpu-small");
    body.put("fileName", "big.gguf");
    body.put("size", 9L << 20);
    Api.Response tooBig = admin.post("/api/v1/uploads", body);
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(tooBig.code()).isEqualTo("UPLOAD_TOO_LARGE");

    body.put("size", 10);
    String id = admin.post("/api/v1/uploads", body).json().get("id").asString();
    Api.Response extra = put(id, 0, new byte[11]);
    assertThat(extra.status()).isEqualTo(413);
    assertThat(extra.code()).isEqualTo("UPLOAD_TOO_LARGE");
    assertThat(admin.get("/api/v1/uploads/" + id).json().get("offset").asLong()).isZero();
  }

  @Test
  void unknownProfileAndPathTraversalNamesAreRefused() throws Exception {
    release("3.1.0");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", "assistant");
    body.put("release", "3.1.0");
    body.put("profile", "no-such-profile");
    body.put("fileName", "a.gguf");
    body.put("size", 10);
    Api.Response unknown = admin.post("/api/v1/uploads", body);
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.code()).isEqualTo("UNKNOWN_PROFILE");

    body.put("profile", "cpu-small");
    body.put("fileName", "../../etc/passwd");
    assertThat(admin.post("/api/v1/uploads", body).code()).isEqualTo("INVALID_NAME");
    Api.Response model =
        admin.post(
            "/api/v1/models",
            Map.of(
                "name", "../evil", "publisherKeys", List.of(TestModels.publicPem(publisherKey))));
    assertThat(model.status()).isEqualTo(400);
    assertThat(model.code()).isEqualTo("INVALID_NAME");
    Api.Response profile = admin.post("/api/v1/profiles", Map.of("name", "a/b", "arch", "x86_64"));
    assertThat(profile.code()).isEqualTo("INVALID_NAME");
  }

  @Test
  void viewerMayNotPublish() throws Exception {
    release("3.2.0");
    admin.post(
        "/api/v1/users",
        Map.of(
            "username", "watcher", "password", "watcher-password-1", "roles", List.of("VIEWER")));
    String viewerToken =
        admin
            .post("/api/v1/users/watcher/tokens", Map.of("name", "ro"))
            .json()
            .get("secret")
            .asString();
    Api viewer = admin.as(viewerToken);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", "assistant");
    body.put("release", "3.2.0");
    body.put("profile", "cpu-small");
    body.put("fileName", "a.gguf");
    body.put("size", 10);
    Api.Response r = viewer.post("/api/v1/uploads", body);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.code()).isEqualTo("ACCESS_DENIED");
    assertThat(viewer.get("/api/v1/models").status()).isEqualTo(200);
  }

  void assertNothingLeft(String version) throws Exception {
    assertThat(admin.get("/api/v1/models/assistant/releases/" + version).json().get("variants"))
        .isEmpty();
    assertThat(staging.stagedIds()).isEmpty();
  }
}
