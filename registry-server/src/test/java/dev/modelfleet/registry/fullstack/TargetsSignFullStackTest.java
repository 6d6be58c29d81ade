package dev.modelfleet.registry.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfleet.cli.Main;
import dev.modelfleet.registry.RegistryApplication;
import dev.modelfleet.registry.blob.Digests;
import dev.modelfleet.registry.testing.Api;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonObject;
import dev.modelfleet.signing.metadata.Role;
import dev.modelfleet.signing.metadata.TargetsMetadata;
import dev.modelfleet.signing.metadata.TrustedMetadata;
import dev.modelfleet.signing.metadata.VersionFloor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Publisher-signed targets (ADR 0008) end to end with the real CLI against the registry as
 * `modelfleet server` runs it: a model with targetsSigning PUBLISHER, a variant published through
 * the CLI, then `modelfleet targets sign` with the publisher's key, and what a device fetches
 * afterwards verifies against the served root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TargetsSignFullStackTest {
  static final String TOKEN = "targets-sign-bootstrap-token-0123456789";
  static final String MODEL = "offline-assistant";

  Path work;
  ConfigurableApplicationContext registry;
  String server = "";
  Api admin;
  String publisherToken = "";
  Path gguf;
  Path signature;
  Path publisherKey;
  Path strangerKey;

  record Result(int exitCode, String out, String err) {}

  static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  Result registryCli(String token, String... args) {
    String[] all = Arrays.copyOf(args, args.length + 4);
    all[args.length] = "--server";
    all[args.length + 1] = server;
    all[args.length + 2] = "--token";
    all[args.length + 3] = token;
    return cli(all);
  }

  Result ok(Result r) {
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r;
  }

  @BeforeAll
  void startRegistryWithAPublisherSignedModel() throws Exception {
    work =
        Files.createTempDirectory(
            Files.createDirectories(Path.of("target")).toAbsolutePath(), "targets-sign-");
    registry =
        new SpringApplicationBuilder(RegistryApplication.class)
            .run(
                "--server.port=0",
                "--modelfleet.data-dir=" + work.resolve("data"),
                "--modelfleet.bootstrap.token=" + TOKEN);
    String port = registry.getEnvironment().getProperty("local.server.port");
    server = "http://localhost:" + port;
    admin = new Api(Integer.parseInt(port), TOKEN);
    publisherToken =
        admin
            .post("/api/v1/tokens", Map.of("name", "publisher", "roles", List.of("PUBLISHER")))
            .json()
            .get("secret")
            .asString();

    gguf = work.resolve("offline-q8.gguf");
    signature = work.resolve("offline-q8.sig");
    publisherKey = work.resolve("publisher.pem");
    strangerKey = work.resolve("stranger.pem");
    Path publisherPub = work.resolve("publisher.pub.pem");
    ok(
        cli(
            "gguf",
            "generate",
            "--out",
            gguf.toString(),
            "--seed",
            "5",
            "--quant",
            "Q8_0",
            "--size-mb",
            "1"));
    ok(
        cli(
            "keys",
            "generate",
            "--algorithm",
            "ecdsa-p256",
            "--out",
            publisherKey.toString(),
            "--public-out",
            publisherPub.toString()));
    ok(cli("keys", "generate", "--algorithm", "ecdsa-p256", "--out", strangerKey.toString()));
    ok(
        cli(
            "sign",
            "--key",
            publisherKey.toString(),
            "--out",
            signature.toString(),
            gguf.toString()));
    ok(
        registryCli(
            TOKEN,
            "profiles",
            "create",
            "--name",
            "linux-x86-8gb",
            "--arch",
            "x86_64",
            "--min-ram-mb",
            "8192",
            "--os",
            "linux"));
    ok(
        registryCli(
            TOKEN,
            "models",
            "create",
            "--name",
            MODEL,
            "--publisher-key",
            publisherPub.toString(),
            "--targets-signing",
            "PUBLISHER"));
  }

  @AfterAll
  void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  void publish(String release) {
    ok(
        registryCli(
            publisherToken,
            "publish",
            "--model",
            MODEL,
            "--release",
            release,
            "--variant",
            gguf.toString(),
            "--profile",
            "linux-x86-8gb",
            "--signature",
            signature.toString()));
  }

  Result targetsSign(Path key, String... more) {
    String[] args = {"targets", "sign", "--model", MODEL, "--key", key.toString()};
    String[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return registryCli(publisherToken, all);
  }

  byte[] metadata(String file) {
    Api.Response r = admin.get("/api/v1/models/" + MODEL + "/metadata/" + file);
    assertThat(r.status()).as(file + ": " + r.body()).isEqualTo(200);
    return r.body().getBytes(StandardCharsets.UTF_8);
  }

  /** What a device does: walk the served roots, then timestamp, snapshot and targets. */
  TrustedMetadata deviceRefresh() throws Exception {
    TrustedMetadata trusted =
        TrustedMetadata.load(metadata("1.root.json"), VersionFloor.NONE, Clock.systemUTC());
    long latestRoot =
        Long.parseLong(
            admin
                .get("/api/v1/models/" + MODEL + "/metadata/root.json")
                .raw()
                .headers()
                .firstValue("X-Metadata-Version")
                .orElseThrow());
    for (long v = 2; v <= latestRoot; v++) {
      trusted.updateRoot(metadata(v + ".root.json"));
    }
    trusted.updateTimestamp(metadata("timestamp.json"));
    trusted.updateSnapshot(metadata("snapshot.json"));
    trusted.updateTargets(metadata("targets.json"));
    return trusted;
  }

  @Test
  @Order(1)
  void publisherSignsPendingTargetsWithTheCliAndDevicesVerifyThem() throws Exception {
    publish("1.0.0");
    assertThat(admin.get("/api/v1/models/" + MODEL + "/metadata/targets.json").code())
        .isEqualTo("METADATA_NOT_FOUND");

    Result signed = ok(targetsSign(publisherKey, "--yes", "--json"));
    String sha256 = Digests.sha256(gguf);
    String target = MODEL + "/1/linux-x86-8gb/offline-q8.gguf";
    assertThat(signed.err())
        .contains("Pending targets of model " + MODEL + ": version 1, expires ")
        .contains("1 target(s)")
        .contains(target + "  sha256 " + sha256.substring(0, 16) + "…");
    JsonObject result = Json.parseObject(signed.out().strip());
    assertThat(result.getString("model")).isEqualTo(MODEL);
    assertThat(result.getLong("targetsVersion")).isEqualTo(1);
    assertThat(result.getLong("targets")).isEqualTo(1);

    TrustedMetadata device = deviceRefresh();
    assertThat(device.target(target).sha256()).isEqualTo(sha256);
    String publisherKeyId = result.getString("keyId");
    assertThat(device.root().keysFor(Role.TARGETS).keyIds()).containsExactly(publisherKeyId);
    // The served document is the one the CLI signed: signed by the publisher key alone.
    byte[] served = metadata("targets.json");
    TargetsMetadata verified =
        (TargetsMetadata) TrustedMetadata.verifySignedBy(device.root(), Role.TARGETS, served);
    assertThat(verified.version()).isEqualTo(1);
    assertThat(
            Json.parseObject(served).getArray("signatures").objects().stream()
                .map(s -> s.getString("keyid")))
        .containsExactly(publisherKeyId);
  }

  @Test
  @Order(2)
  void nothingPendingIsReportedAsOneSentence() {
    Result r = targetsSign(publisherKey, "--yes");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip())
        .isEqualTo(
            "modelfleet: nothing to sign: model "
                + MODEL
                + " has no targets waiting for a signature (the served targets are current)");
  }

  @Test
  @Order(3)
  void aKeyThatIsNotARegisteredPublisherKeyIsRefusedAndTargetsStayUnchanged() throws Exception {
    publish("1.1.0");
    byte[] before = metadata("targets.json");

    Result r = targetsSign(strangerKey, "--yes");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("modelfleet: key " + strangerKey)
        .contains("is not an active publisher key of model " + MODEL);
    assertThat(metadata("targets.json")).isEqualTo(before);
    assertThat(admin.get("/api/v1/models/" + MODEL + "/metadata/targets/pending").status())
        .isEqualTo(200);

    // The right key still signs the waiting version 2, which lists both releases.
    Result signed = ok(targetsSign(publisherKey, "--yes"));
    assertThat(signed.out()).startsWith("Signed targets version 2 of model " + MODEL);
    TrustedMetadata device = deviceRefresh();
    assertThat(device.floor().targets()).isEqualTo(2);
    assertThat(device.target(MODEL + "/2/linux-x86-8gb/offline-q8.gguf").sha256())
        .isEqualTo(Digests.sha256(gguf));
  }

  @Test
  @Order(4)
  void withoutYesAndNoConfirmationNothingIsSigned() {
    publish("1.2.0");
    byte[] before = metadata("targets.json");
    java.io.InputStream stdin = System.in;
    System.setIn(new java.io.ByteArrayInputStream(new byte[0]));
    Result r;
    try {
      r = targetsSign(publisherKey);
    } finally {
      System.setIn(stdin);
    }
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("Sign and upload targets version 3? [y/N]").contains("not signed");
    assertThat(metadata("targets.json")).isEqualTo(before);
  }

  @Test
  @Order(5)
  void aModelWithOnlineSignedTargetsHasNothingForThePublisherToSign() throws Exception {
    ok(
        registryCli(
            TOKEN,
            "models",
            "create",
            "--name",
            "online-assistant",
            "--publisher-key",
            work.resolve("publisher.pub.pem").toString()));
    Result r =
        registryCli(
            publisherToken,
            "targets",
            "sign",
            "--model",
            "online-assistant",
            "--key",
            publisherKey.toString(),
            "--yes");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("targetsSigning ONLINE").contains("nothing for a publisher");
  }
}
