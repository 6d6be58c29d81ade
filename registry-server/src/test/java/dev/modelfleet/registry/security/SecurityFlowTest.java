package dev.modelfleet.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfleet.registry.support.RegistryProperties;
import dev.modelfleet.registry.testing.Api;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Authentication, CSRF, CORS and rate limits over real HTTP. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "modelfleet.bootstrap.token=" + SecurityFlowTest.TOKEN,
      "modelfleet.bootstrap.admin-password=admin-password-for-tests",
      "modelfleet.security.rate-limit.burst=40",
      "modelfleet.security.rate-limit.requests-per-second=2"
    })
class SecurityFlowTest {
  static final String TOKEN = "bootstrap-token-for-tests-0123456789";

  @LocalServerPort int port;
  @Autowired RegistryProperties registry;

  final HttpClient http = HttpClient.newHttpClient();

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
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
  void prometheusMetricsNeedAuthenticationAndListRegistryMeters() throws Exception {
    assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(401);
    get("/api/v1/users/me", "Authorization", "Bearer " + TOKEN);
    HttpResponse<String> r = get("/actuator/prometheus", "Authorization", "Bearer " + TOKEN);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("http_server_requests_seconds_bucket");
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
  void anonymousMutationGets401NotACsrfError() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/models"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
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
  void configuredAdminPasswordIsNotWrittenToDisk() {
    assertThat(registry.dataDir().resolve(BootstrapAdmin.CREDENTIALS_FILE)).doesNotExist();
  }

  @Test
  void browserSessionNeedsTheCsrfTokenForMutations() throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    // Like a single-page app: fetch the token (cookie XSRF-TOKEN), echo it as a header.
    String xsrf = fetchXsrf(browser, cookies);
    HttpResponse<String> login =
        browser.send(
            HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", xsrf)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=admin&password=admin-password-for-tests"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
    HttpResponse<String> me =
        browser.send(
            HttpRequest.newBuilder(uri("/api/v1/users/me")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(me.body()).contains("\"username\":\"admin\"");

    HttpRequest.Builder create =
        HttpRequest.newBuilder(uri("/api/v1/profiles"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"csrf\",\"arch\":\"x86_64\"}"));
    HttpResponse<String> forged =
        browser.send(create.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("ACCESS_DENIED");
    HttpResponse<String> genuine =
        browser.send(
            create.header("X-XSRF-TOKEN", fetchXsrf(browser, cookies)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(201);
  }

  String fetchXsrf(HttpClient browser, CookieManager cookies) throws Exception {
    browser.send(
        HttpRequest.newBuilder(uri("/csrf")).build(), HttpResponse.BodyHandlers.ofString());
    return xsrf(cookies);
  }

  @Test
  void apiCallsWithABearerTokenGetNoCsrfCookie() throws Exception {
    HttpResponse<String> r = get("/api/v1/users/me", "Authorization", "Bearer " + TOKEN);
    assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
  }

  static String xsrf(CookieManager cookies) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(java.net.HttpCookie::getValue)
        .reduce((a, b) -> b)
        .orElseThrow(
            () ->
                new AssertionError(
                    "no XSRF-TOKEN cookie: " + cookies.getCookieStore().getCookies()));
  }

  @Test
  void corsIsClosedByDefault() throws Exception {
    HttpResponse<String> r =
        get(
            "/api/v1/users/me",
            "Origin",
            "https://evil.example",
            "Authorization",
            "Bearer " + TOKEN);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void callersOverTheRateLimitGet429WithRetryAfter() throws Exception {
    Api admin = new Api(port, TOKEN);
    admin.post(
        "/api/v1/users",
        Map.of("username", "busy", "password", "busy-password-123", "roles", List.of("VIEWER")));
    String busy =
        admin
            .post("/api/v1/users/busy/tokens", Map.of("name", "t"))
            .json()
            .get("secret")
            .asString();
    HttpResponse<String> last = get("/api/v1/users/me", "Authorization", "Bearer " + busy);
    for (int i = 0; i < 80 && last.statusCode() != 429; i++) {
      last = get("/api/v1/users/me", "Authorization", "Bearer " + busy);
    }
    assertThat(last.statusCode()).isEqualTo(429);
    assertThat(last.body()).contains("RATE_LIMITED");
    assertThat(last.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void revokedTokenStopsWorking() throws Exception {
    Api admin = new Api(port, TOKEN);
    var created = admin.post("/api/v1/tokens", Map.of("name", "short-lived")).json();
    String secret = created.get("secret").asString();
    assertThat(get("/api/v1/users/me", "Authorization", "Bearer " + secret).statusCode())
        .isEqualTo(200);
    admin.delete("/api/v1/tokens/" + created.get("token").get("id").asLong());
    assertThat(get("/api/v1/users/me", "Authorization", "Bearer " + secret).statusCode())
        .isEqualTo(401);
  }
}
