package dev.modelfleet.registry.fullstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfleet.cli.Main;
import dev.modelfleet.registry.RegistryApplication;
import dev.modelfleet.registry.testing.Api;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonArray;
import dev.modelfleet.signing.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
 * The acceptance flow end to end: the registry as `modelfleet server` runs it (embedded PostgreSQL
 * in its data directory, filesystem blobs), driven by the real CLI: generate a model, make a key,
 * sign, create profile and model, publish; a tampered copy is refused; after a restart the catalog
 * is intact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliFullStackTest {
  static final String TOKEN = "full-stack-bootstrap-token-0123456789";

  Path work;
  Path dataDir;
  ConfigurableApplicationContext registry;
  String server = "";

  record Result(int exitCode, String out, String err) {}

  static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  Result registryCli(String... args) {
    String[] all = Arrays.copyOf(args, args.length + 4);
    all[args.length] = "--server";
    all[args.length + 1] = server;
    all[args.length + 2] = "--token";
    all[args.length + 3] = TOKEN;
    return cli(all);
  }

  ConfigurableApplicationContext start() {
    ConfigurableApplicationContext ctx =
        new SpringApplicationBuilder(RegistryApplication.class)
            .run(
                "--server.port=0",
                "--modelfleet.data-dir=" + dataDir,
                "--modelfleet.bootstrap.token=" + TOKEN);
    server = "http://localhost:" + ctx.getEnvironment().getProperty("local.server.port");
    return ctx;
  }

  @BeforeAll
  void startRegistry() throws Exception {
    work =
        Files.createTempDirectory(
            Files.createDirectories(Path.of("target")).toAbsolutePath(), "fullstack-");
    dataDir = work.resolve("data");
    registry = start();
  }

  @AfterAll
  void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  @Order(1)
  void modelGeneratedAndSignedWithTheCliPublishesThroughTheCli() throws Exception {
    Path model = work.resolve("assistant-q8.gguf");
    Path key = work.resolve("publisher.pem");
    Path pub = work.resolve("publisher.pub.pem");
    Path sig = work.resolve("assistant-q8.sig");
    assertThat(
            cli(
                    "gguf",
                    "generate",
                    "--out",
                    model.toString(),
                    "--seed",
                    "3",
                    "--quant",
                    "Q8_0",
                    "--size-mb",
                    "2")
                .exitCode())
        .isZero();
    assertThat(
            cli(
                    "keys",
                    "generate",
                    "--algorithm",
                    "ecdsa-p256",
                    "--out",
                    key.toString(),
                    "--public-out",
                    pub.toString())
                .exitCode())
        .isZero();
    assertThat(
            cli("sign", "--key", key.toString(), "--out", sig.toString(), model.toString())
                .exitCode())
        .isZero();

    Result profile =
        registryCli(
            "profiles",
            "create",
            "--name",
            "linux-x86-8gb",
            "--arch",
            "x86_64",
            "--cpu-features",
            "avx2,fma",
            "--min-ram-mb",
            "8192",
            "--os",
            "linux");
    assertThat(profile.exitCode()).as(profile.err()).isZero();
    Result created =
        registryCli("models", "create", "--name", "assistant", "--publisher-key", pub.toString());
    assertThat(created.exitCode()).as(created.err()).isZero();

    Path spec = work.resolve("validation.json");
    Files.writeString(
        spec,
        "{\"goldenPrompts\":[{\"prompt\":\"Hello\",\"reference\":\"Hello there\"}],"
            + "\"maxLoadTimeMs\":5000,\"minTokensPerSecond\":{\"linux-x86-8gb\":20}}");
    Result published =
        registryCli(
            "publish",
            "--model",
            "assistant",
            "--release",
            "1.0.0",
            "--variant",
            model.toString(),
            "--profile",
            "linux-x86-8gb",
            "--signature",
            sig.toString(),
            "--validation",
            spec.toString(),
            "--channel",
            "stable",
            "--chunk-size",
            "500000",
            "--json");
    assertThat(published.exitCode()).as(published.err()).isZero();
    assertThat(published.err()).contains("Uploading assistant-q8.gguf: 100%");
    JsonObject summary = Json.parseObject(published.out().strip());
    JsonObject variant = summary.getArray("variants").objects().get(0);
    assertThat(variant.getString("architecture")).isEqualTo("llama");
    assertThat(variant.getString("quantType")).isEqualTo("Q8_0");
    assertThat(summary.getString("channel")).isEqualTo("stable");

    Result list = registryCli("models", "list", "--json");
    JsonArray models = (JsonArray) Json.parse(list.out().strip());
    assertThat(models.objects()).extracting(m -> m.getString("name")).containsExactly("assistant");
  }

  @Test
  @Order(2)
  void tamperedCopyIsRefusedByTheRegistry() throws Exception {
    Path model = work.resolve("assistant-q8.gguf");
    byte[] bytes = Files.readAllBytes(model);
    bytes[bytes.length - 1] ^= 0x40;
    Path tampered = work.resolve("tampered").resolve("assistant-q8.gguf");
    Files.createDirectories(tampered.getParent());
    Files.write(tampered, bytes);
    Result r =
        registryCli(
            "publish",
            "--model",
            "assistant",
            "--release",
            "1.0.1",
            "--variant",
            tampered.toString(),
            "--profile",
            "linux-x86-8gb",
            "--signature",
            work.resolve("assistant-q8.sig").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("SIGNATURE_INVALID").contains("digest mismatch");
    Api api = new Api(port(), TOKEN);
    assertThat(api.get("/api/v1/models/assistant/releases/1.0.1").json().get("variants")).isEmpty();
  }

  @Test
  @Order(3)
  void rerunningAnInterruptedPublishResumesTheUpload() throws Exception {
    Path model = work.resolve("assistant-q8.gguf");
    Api api = new Api(port(), TOKEN);
    api.post("/api/v1/models/assistant/releases", Map.of("version", "1.1.0"));
    // The first run died after 700 kB: its session is open with those bytes.
    Map<String, Object> open = new LinkedHashMap<>();
    open.put("model", "assistant");
    open.put("release", "1.1.0");
    open.put("profile", "linux-x86-8gb");
    open.put("fileName", "assistant-q8.gguf");
    open.put("size", Files.size(model));
    open.put("sha256", dev.modelfleet.registry.blob.Digests.sha256(model));
    String id = api.post("/api/v1/uploads", open).json().get("id").asString();
    byte[] all = Files.readAllBytes(model);
    api.putBytes(
        "/api/v1/uploads/" + id, Arrays.copyOf(all, 700_000), Map.of("Upload-Offset", "0"));

    Result r =
        registryCli(
            "publish",
            "--model",
            "assistant",
            "--release",
            "1.1.0",
            "--variant",
            model.toString(),
            "--profile",
            "linux-x86-8gb",
            "--signature",
            work.resolve("assistant-q8.sig").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("Resuming upload " + id + " at 0.7 MiB");
  }

  @Test
  @Order(4)
  void afterARestartTheCatalogIsIntact() throws Exception {
    registry.close();
    registry = start();
    Result list = registryCli("models", "list", "--json");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).contains("\"name\":\"assistant\"");
    Api api = new Api(port(), TOKEN);
    Api.Response release = api.get("/api/v1/models/assistant/releases/1.0.0");
    assertThat(release.json().get("variants").get(0).get("profile").asString())
        .isEqualTo("linux-x86-8gb");
    assertThat(release.json().get("validation").get("maxLoadTimeMs").asLong()).isEqualTo(5000);
    assertThat(api.get("/api/v1/models/assistant/channels").body()).contains("\"stable\"");
    Api.Response link =
        api.get("/api/v1/models/assistant/releases/1.0.0/variants/linux-x86-8gb/download");
    Api.Response head =
        api.getAbsolute(
            java.net.URI.create(link.json().get("url").asString()), Map.of("Range", "bytes=0-3"));
    assertThat(head.body()).isEqualTo("GGUF");
  }

  @Test
  @Order(5)
  void firstAdminCredentialsAreGeneratedOnceOwnerOnlyInTheDataDirectory() throws Exception {
    Path file = dataDir.resolve("admin-credentials.txt");
    assertThat(Files.readString(file)).contains("username: admin").contains("password: ");
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
  }

  @Test
  @Order(6)
  void cliReportsAWrongTokenAsOneSentence() {
    Result r = cli("models", "list", "--server", server, "--token", "mft_not-a-token");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("modelfleet: the registry refused:")
        .contains("AUTHENTICATION_REQUIRED");
  }

  int port() {
    return Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
  }
}
