package dev.modelfleet.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfleet.registry.support.RegistryProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "modelfleet.bootstrap.token=bootstrap-token-for-tests-0123456789")
class SecurityFlowTest {
  static final String TOKEN = "bootstrap-token-for-tests-0123456789";

  @LocalServerPort int port;
  @Autowired RegistryProperties registry;

  final HttpClient http = HttpClient.newHttpClient();

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthIsUpWithLivenessAndReadinessGroups() throws Exception {
    assertThat(get("/actuator/health").body()).contains("\"status\":\"UP\"");
    assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
  }

  @Test
  void anonymousApiCallGets401ProblemDetail() throws Exception {
    HttpResponse<String> r = get("/api/v1/users/me");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(r.body())
        .contains("\"code\":\"AUTHENTICATION_REQUIRED\"")
        .contains("https://modelfleet.dev/problems/authentication-required")
        .doesNotContain("Exception");
  }

  @Test
  void bootstrapTokenFromEnvironmentIsAnAdminToken() throws Exception {
    HttpResponse<String> r = get("/api/v1/users/me", "Authorization", "Bearer " + TOKEN);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"username\":\"admin\"").contains("ADMIN");
  }

  @Test
  void wrongTokenGets401() throws Exception {
    HttpResponse<String> r = get("/api/v1/users/me", "Authorization", "Bearer mft_nope");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("AUTHENTICATION_REQUIRED");
  }

  @Test
  void firstAdminCredentialsAreStoredOwnerOnlyInTheDataDirectory() throws Exception {
    var file = registry.dataDir().resolve(BootstrapAdmin.CREDENTIALS_FILE);
    assertThat(Files.readString(file)).contains("username: admin").contains("password: ");
    assertThat(Files.getPosixFilePermissions(file).toString())
        .isEqualTo("[OWNER_READ, OWNER_WRITE]");
  }
}
