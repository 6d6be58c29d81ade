package dev.modelfleet.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The served OpenAPI document must equal the committed {@code docs/api/openapi.json}, so the API
 * contract only changes on purpose. To accept a change, run this test with {@code
 * -Dmodelfleet.openapi.write=true}; it rewrites the file, then review and commit the diff.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiContractTest {
  static final Path COMMITTED =
      Path.of(System.getProperty("modelfleet.testdata", "../testdata"))
          .getParent()
          .resolve("docs/api/openapi.json");

  static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  @LocalServerPort int port;

  @Test
  void servedOpenApiDocumentMatchesTheCommittedContract() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode served = JSON.readTree(r.body());
    // The server URL carries the random test port; it is not part of the contract.
    ((tools.jackson.databind.node.ObjectNode) served).remove("servers");
    String normalized = JSON.writeValueAsString(JSON.treeToValue(served, Object.class)) + "\n";
    if (Boolean.getBoolean("modelfleet.openapi.write")) {
      Files.createDirectories(COMMITTED.getParent());
      Files.writeString(COMMITTED, normalized, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(COMMITTED))
        .as("%s is missing; run with -Dmodelfleet.openapi.write=true", COMMITTED)
        .isTrue();
    assertThat(normalized)
        .as("The API changed; if on purpose, rerun with -Dmodelfleet.openapi.write=true and commit")
        .isEqualTo(Files.readString(COMMITTED, StandardCharsets.UTF_8));
  }
}
