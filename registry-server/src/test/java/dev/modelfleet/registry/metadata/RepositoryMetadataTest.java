package dev.modelfleet.registry.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfleet.registry.model.ModelCatalog;
import dev.modelfleet.registry.profile.ProfileCatalog;
import dev.modelfleet.registry.release.NewVariant;
import dev.modelfleet.registry.release.ReleaseCatalog;
import dev.modelfleet.registry.testing.Api;
import dev.modelfleet.registry.testing.TestClock;
import dev.modelfleet.registry.testing.TestModels;
import dev.modelfleet.signing.SigningKey;
import dev.modelfleet.signing.metadata.MetadataSigner;
import dev.modelfleet.signing.metadata.Role;
import dev.modelfleet.signing.metadata.TargetsMetadata;
import dev.modelfleet.signing.metadata.TrustedMetadata;
import dev.modelfleet.signing.metadata.VersionFloor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Signed metadata as a device sees it: fetched over HTTP and verified with the signing module's
 * device-side verifier. Registry and devices share a {@link TestClock} that tests may advance.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "modelfleet.bootstrap.token=" + RepositoryMetadataTest.TOKEN)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepositoryMetadataTest {
  static final String TOKEN = "metadata-test-admin-token-0123456789";

  @LocalServerPort int port;
  @Autowired ReleaseCatalog releases;
  @Autowired ModelCatalog models;
  @Autowired ProfileCatalog profiles;
  @Autowired TestClock clock;
  @Autowired MetadataRefresher refresher;
  @Autowired MetadataProperties properties;

  /** The clock every registry bean reads time from in this test. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Time {
    @Bean
    @Primary
    TestClock testClock() {
      return new TestClock();
    }
  }

  Api api;
  SigningKey publisher = TestModels.key(11);

  @BeforeAll
  void catalog() {
    api = new Api(port, TOKEN);
    api.post("/api/v1/profiles", Map.of("name", "phone", "arch", "arm64", "minRamMb", 6000));
    api.post(
        "/api/v1/models",
        Map.of("name", "online", "publisherKeys", List.of(TestModels.publicPem(publisher))));
    api.post(
        "/api/v1/models",
        Map.of(
            "name",
            "offline",
            "targetsSigning",
            "PUBLISHER",
            "publisherKeys",
            List.of(TestModels.publicPem(publisher))));
  }

  /** Returns the target name of the new variant. */
  String publishVariant(String model, String version, String sha256) {
    long number =
        api.post("/api/v1/models/" + model + "/releases", Map.of("version", version))
            .json()
            .get("releaseNumber")
            .asLong();
    var auth =
        UsernamePasswordAuthenticationToken.authenticated(
            "test", null, List.of(new SimpleGrantedAuthority("ROLE_PUBLISHER")));
    SecurityContextHolder.getContext().setAuthentication(auth);
    try {
      releases.addVariant(
          new NewVariant(
              models.require(model).id(),
              version,
              profiles.requireId("phone"),
              "m.gguf",
              sha256,
              1234,
              "Q8_0",
              "llama",
              2048L,
              1_000_000,
              12,
              "{\"bundle\":\"" + version + "\"}",
              publisher.verificationKey().keyId(),
              0));
    } finally {
      SecurityContextHolder.clearContext();
    }
    return model + "/" + number + "/phone/m.gguf";
  }

  TargetsMetadata lastTargets = new TargetsMetadata(1, java.time.Instant.EPOCH, Map.of());

  TrustedMetadata deviceRefresh(String model) throws Exception {
    byte[] root = bytes("/api/v1/models/" + model + "/metadata/1.root.json");
    TrustedMetadata trusted = TrustedMetadata.load(root, VersionFloor.NONE, clock);
    String latestRoot =
        api.get("/api/v1/models/" + model + "/metadata/root.json")
            .raw()
            .headers()
            .firstValue("X-Metadata-Version")
            .orElseThrow();
    for (long v = 2; v <= Long.parseLong(latestRoot); v++) {
      trusted.updateRoot(bytes("/api/v1/models/" + model + "/metadata/" + v + ".root.json"));
    }
    trusted.updateTimestamp(bytes("/api/v1/models/" + model + "/metadata/timestamp.json"));
    trusted.updateSnapshot(bytes("/api/v1/models/" + model + "/metadata/snapshot.json"));
    lastTargets =
        trusted.updateTargets(bytes("/api/v1/models/" + model + "/metadata/targets.json"));
    return trusted;
  }

  byte[] bytes(String path) {
    Api.Response r = api.get(path);
    assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
    return r.body().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void onlineSignedChainVerifiesOnTheDeviceAndListsThePublishedVariant() throws Exception {
    String name = publishVariant("online", "1.0.0", "a".repeat(64));
    TrustedMetadata trusted = deviceRefresh("online");
    assertThat(trusted.target(name).sha256()).isEqualTo("a".repeat(64));
    assertThat(trusted.target(name).info().hardware().getLong("minRamMb")).isEqualTo(6000);
    assertThat(trusted.root().publisherKeys("online")).containsExactly(publisher.verificationKey());
  }

  @Test
  void unchangedMetadataAnswers304ToItsEtag() {
    publishVariant("online", "1.5.0", "c".repeat(64));
    Api.Response first = api.get("/api/v1/models/online/metadata/timestamp.json");
    String etag = first.raw().headers().firstValue("ETag").orElseThrow();
    Api.Response again =
        api.getAbsolute(
            java.net.URI.create(
                "http://localhost:" + port + "/api/v1/models/online/metadata/timestamp.json"),
            Map.of("If-None-Match", etag, "Authorization", "Bearer " + TOKEN));
    assertThat(again.status()).isEqualTo(304);
  }

  @Test
  void revocationReachesDevicesThroughSignedMetadata() throws Exception {
    String name = publishVariant("online", "2.0.0", "b".repeat(64));
    TrustedMetadata before = deviceRefresh("online");
    assertThat(before.target(name).sha256()).isEqualTo("b".repeat(64));
    long timestampBefore = before.floor().timestamp();

    assertThat(
            api.post("/api/v1/models/online/releases/2.0.0/revoke", Map.of("reason", "bad output"))
                .status())
        .isEqualTo(200);
    TrustedMetadata after = deviceRefresh("online");
    assertThat(after.floor().timestamp()).isGreaterThan(timestampBefore);
    assertThat(lastTargets.targets()).doesNotContainKey(name);
  }

  @Test
  void publisherSignedTargetsAreServedOnlyAfterTheOfflineSignatureArrives() throws Exception {
    String name = publishVariant("offline", "1.0.0", "d".repeat(64));
    assertThat(api.get("/api/v1/models/offline/metadata/targets.json").code())
        .isEqualTo("METADATA_NOT_FOUND");
    Api.Response pending = api.get("/api/v1/models/offline/metadata/targets/pending");
    String payloadType = pending.json().get("payloadType").asString();
    byte[] payload = Base64.getDecoder().decode(pending.json().get("payload").asString());

    // A stranger's signature is refused.
    Api.Response refused = putEnvelope(envelope(payloadType, payload, TestModels.key(99)));
    assertThat(refused.code()).isEqualTo("METADATA_INVALID");

    assertThat(putEnvelope(envelope(payloadType, payload, publisher)).status()).isEqualTo(204);
    TrustedMetadata trusted = deviceRefresh("offline");
    assertThat(trusted.root().keysFor(Role.TARGETS).keyIds())
        .containsExactly(publisher.verificationKey().keyId());
    assertThat(trusted.target(name).sha256()).isEqualTo("d".repeat(64));
  }

  @Test
  void targetsLeftUnsignedArePreparedAgainBeforeTheyExpire() throws Exception {
    String model = "late-signer"; // its own model: this test moves the clock, the others do not
    api.post(
        "/api/v1/models",
        Map.of(
            "name",
            model,
            "targetsSigning",
            "PUBLISHER",
            "publisherKeys",
            List.of(TestModels.publicPem(publisher))));
    String name = publishVariant(model, "1.0.0", "f".repeat(64));
    TargetsMetadata first = pendingTargets(model);
    assertThat(first.targets()).containsOnlyKeys(name);
    byte[] stalePayload = MetadataSigner.payload(first);
    String staleEnvelope = envelope(Role.TARGETS.payloadType(), stalePayload, publisher);
    Duration half = properties.targetsExpiry().dividedBy(2);

    // The periodic refresh leaves the pending document alone while more than half its life is left.
    clock.advance(half.minusDays(1));
    refresher.refreshAll();
    assertThat(pendingTargets(model)).isEqualTo(first);

    // The publisher did not sign in time: the next periodic refresh prepares the same targets
    // again, with a full lifetime from now and the same version (nothing was signed in between).
    clock.advance(Duration.ofDays(2));
    refresher.refreshAll();
    TargetsMetadata again = pendingTargets(model);
    assertThat(again.version()).isEqualTo(first.version());
    assertThat(again.targets()).isEqualTo(first.targets());
    assertThat(again.expires())
        .isAfter(first.expires())
        .isAfter(clock.instant().plus(properties.targetsExpiry()).minusSeconds(60));

    // A signature over the payload that is no longer pending is refused with a problem detail,
    // and devices still see no targets.
    Api.Response stale = putEnvelope(model, staleEnvelope);
    assertThat(stale.status()).isEqualTo(422);
    assertThat(stale.raw().headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(stale.code()).isEqualTo("METADATA_INVALID");
    assertThat(stale.json().get("detail").asString()).contains("differ from the pending targets");
    assertThat(api.get("/api/v1/models/" + model + "/metadata/targets.json").code())
        .isEqualTo("METADATA_NOT_FOUND");

    // Signing what is pending now works, and devices (at the same time) verify it.
    String fresh = envelope(Role.TARGETS.payloadType(), MetadataSigner.payload(again), publisher);
    assertThat(putEnvelope(model, fresh).status()).isEqualTo(204);
    TrustedMetadata trusted = deviceRefresh(model);
    assertThat(trusted.target(name).sha256()).isEqualTo("f".repeat(64));
    assertThat(lastTargets).isEqualTo(again);
    assertThat(api.get("/api/v1/models/" + model + "/metadata/targets/pending").code())
        .isEqualTo("METADATA_NOT_FOUND");
  }

  /** The pending targets document, checked to be what the pending view says it is. */
  TargetsMetadata pendingTargets(String model) throws Exception {
    Api.Response r = api.get("/api/v1/models/" + model + "/metadata/targets/pending");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("payloadType").asString()).isEqualTo(Role.TARGETS.payloadType());
    byte[] payload = Base64.getDecoder().decode(r.json().get("payload").asString());
    TargetsMetadata doc = (TargetsMetadata) MetadataSigner.parsePayload(Role.TARGETS, payload);
    assertThat(r.json().get("version").asLong()).isEqualTo(doc.version());
    return doc;
  }

  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  @Test
  void hotMetadataGetsAreAnsweredBeforeTheFilterChainWithTheSameBytes() {
    publishVariant("online", "4.0.0", "e".repeat(64));
    String token =
        api.post("/api/v1/tokens", Map.of("name", "device-poller", "roles", List.of("VIEWER")))
            .json()
            .get("secret")
            .asString();
    Api viewer = api.as(token);
    String path = "/api/v1/models/online/metadata/timestamp.json";
    Api.Response first = viewer.get(path); // fills this replica's cache
    double before = meters.counter("modelfleet.metadata.fast.requests").count();
    Api.Response fast = viewer.get(path);
    assertThat(meters.counter("modelfleet.metadata.fast.requests").count()).isEqualTo(before + 1);
    assertThat(fast.status()).isEqualTo(200);
    assertThat(fast.body()).isEqualTo(first.body());
    assertThat(fast.raw().headers().firstValue("ETag"))
        .isEqualTo(first.raw().headers().firstValue("ETag"));
    Api.Response notModified =
        viewer.getAbsolute(
            java.net.URI.create("http://localhost:" + port + path),
            Map.of(
                "Authorization",
                "Bearer " + token,
                "If-None-Match",
                first.raw().headers().firstValue("ETag").orElseThrow()));
    assertThat(notModified.status()).isEqualTo(304);
    Api.Response forged = api.as("mft_forged-token-value").get(path);
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.code()).isEqualTo("AUTHENTICATION_REQUIRED");
  }

  Api.Response putEnvelope(String envelope) {
    return putEnvelope("offline", envelope);
  }

  Api.Response putEnvelope(String model, String envelope) {
    return api.putJsonText("/api/v1/models/" + model + "/metadata/targets.json", envelope);
  }

  /** What a publisher's offline tool does: sign the DSSE PAE of the pending payload. */
  static String envelope(String payloadType, byte[] payload, SigningKey key) {
    byte[] sig = key.sign(Envelopes.pae(payloadType, payload));
    return "{\"payloadType\":\""
        + payloadType
        + "\",\"payload\":\""
        + Base64.getEncoder().encodeToString(payload)
        + "\",\"signatures\":[{\"keyid\":\""
        + key.verificationKey().keyId()
        + "\",\"sig\":\""
        + Base64.getEncoder().encodeToString(sig)
        + "\"}]}";
  }
}
