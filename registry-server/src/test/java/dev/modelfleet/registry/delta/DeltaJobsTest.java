package dev.modelfleet.registry.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.apply.PatchApplier;
import dev.modelfleet.gguf.generate.DeriveSpec;
import dev.modelfleet.gguf.generate.ModelDeriver;
import dev.modelfleet.registry.blob.BlobStore;
import dev.modelfleet.registry.blob.Digests;
import dev.modelfleet.registry.testing.Api;
import dev.modelfleet.registry.testing.Publisher;
import dev.modelfleet.registry.testing.TestModels;
import dev.modelfleet.signing.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** After a publish, a real patch from the previous release is computed, stored and applies. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "modelfleet.bootstrap.token=" + DeltaJobsTest.TOKEN)
class DeltaJobsTest {
  static final String TOKEN = "delta-jobs-admin-token-0123456789";
  static final Path WORK = Path.of("target", "test-models", "delta-jobs");

  @LocalServerPort int port;
  @Autowired BlobStore blobs;
  @Autowired DeltaWorker worker;

  @Test
  void publishingANewReleaseComputesAPatchFromThePreviousOneThatApplies() throws Exception {
    Api api = new Api(port, TOKEN);
    SigningKey key = TestModels.key(21);
    Path v1 = TestModels.model(WORK, "v1.gguf", 2 << 20, 5);
    Path v2 = WORK.resolve("v2.gguf");
    Files.deleteIfExists(v2);
    ModelDeriver.derive(v1, v2, DeriveSpec.builder().finetune(0.01).seed(9).build());

    api.post("/api/v1/profiles", Map.of("name", "edge", "arch", "arm64"));
    api.post(
        "/api/v1/models",
        Map.of("name", "tuned", "publisherKeys", List.of(TestModels.publicPem(key))));
    api.post("/api/v1/models/tuned/releases", Map.of("version", "1.0.0"));
    api.post("/api/v1/models/tuned/releases", Map.of("version", "1.1.0"));
    assertThat(
            Publisher.publish(api, "tuned", "1.0.0", "edge", v1, TestModels.sign(v1, key)).status())
        .isEqualTo(201);
    assertThat(
            Publisher.publish(api, "tuned", "1.1.0", "edge", v2, TestModels.sign(v2, key)).status())
        .isEqualTo(201);

    JsonNode job =
        await()
            .atMost(Duration.ofMinutes(2))
            .until(
                () -> api.get("/api/v1/models/tuned/delta-jobs?release=1.1.0").json().get(0),
                j -> j != null && j.get("status").asString().matches("SUCCEEDED|FAILED"));
    assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
    assertThat(job.get("sourceRelease").asString()).isEqualTo("1.0.0");
    assertThat(job.get("strategy").asString()).isEqualTo("gguf");
    assertThat(job.get("ratio").asDouble()).isLessThan(1.0);
    assertThat(api.get("/api/v1/delta-jobs/" + job.get("id").asLong()).status()).isEqualTo(200);

    String patchSha = job.get("patchSha256").asString();
    Path out = WORK.resolve("v2-rebuilt.gguf");
    Files.deleteIfExists(out);
    try (BlobStore.LocalCopy patch = blobs.localCopy(patchSha, WORK)) {
      PatchApplier.create().apply(v1, patch.path(), out);
    }
    assertThat(Digests.sha256(out)).isEqualTo(Digests.sha256(v2));

    // The check each job runs before storing a patch refuses one that does not rebuild the target:
    // a damaged copy, and a sound patch checked against another target.
    Path damaged = WORK.resolve("damaged.patch");
    try (BlobStore.LocalCopy patch = blobs.localCopy(patchSha, WORK)) {
      byte[] bytes = Files.readAllBytes(patch.path());
      bytes[bytes.length / 2] ^= 0x40;
      Files.write(damaged, bytes);
      assertThatThrownBy(() -> worker.verify(v1, damaged, Digests.sha256(v2)))
          .isInstanceOf(PatchException.class);
      assertThatThrownBy(() -> worker.verify(v1, patch.path(), Digests.sha256(v1)))
          .isInstanceOf(PatchException.class)
          .hasMessageContaining("expected");
      // The check hashes the patch as it reads it: that is the digest the job stores.
      assertThat(worker.verify(v1, patch.path(), Digests.sha256(v2)))
          .isEqualTo(Digests.sha256(patch.path()))
          .isEqualTo(patchSha);
    }
  }
}
