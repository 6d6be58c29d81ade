package dev.modelfleet.cli.registry;

import dev.modelfleet.cli.common.CommandFailedException;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonException;
import dev.modelfleet.signing.json.JsonObject;
import dev.modelfleet.signing.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * JSON over HTTP to a registry. A problem-detail answer becomes a {@link CommandFailedException}
 * naming the server's error code and detail; an unreachable server becomes one naming the URL.
 */
final class RegistryClient {
  private final HttpClient http;
  private final URI base;
  private final @Nullable String token;

  RegistryClient(String server, @Nullable String token) {
    try {
      String s = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
      this.base = new URI(s);
      if (base.getScheme() == null
          || !(base.getScheme().equals("http") || base.getScheme().equals("https"))) {
        throw new CommandFailedException("--server must be an http(s) URL, not " + server);
      }
    } catch (URISyntaxException e) {
      throw new CommandFailedException("--server is not a URL: " + server, e);
    }
    this.token = token;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build();
  }

  /** A successful answer: status and parsed JSON body (null when empty). */
  record Answer(int status, @Nullable JsonValue body) {
    JsonObject object() {
      if (body instanceof JsonObject o) {
        return o;
      }
      throw new CommandFailedException("the registry answered with unexpected JSON");
    }
  }

  /** A refused request: the server's problem detail (exit 1 with its message, like any failure). */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final transient @Nullable JsonObject problem;

    Refused(int status, String code, String message, @Nullable JsonObject problem) {
      super(message);
      this.status = status;
      this.code = code;
      this.problem = problem;
    }

    int status() {
      return status;
    }

    String code() {
      return code;
    }

    @Nullable JsonObject problem() {
      return problem;
    }
  }

  Answer get(String path) throws IOException {
    return send(request(path).GET().build());
  }

  Answer post(String path, JsonValue body) throws IOException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toJson()))
            .build());
  }

  Answer put(String path, JsonValue body) throws IOException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body.toJson()))
            .build());
  }

  /** Sends {@code json} byte for byte (a signed document must arrive exactly as signed). */
  Answer putJsonBytes(String path, byte[] json) throws IOException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(json))
            .build());
  }

  /** Streams {@code length} bytes from {@code body} (never held in memory). */
  Answer putStream(String path, long offset, long length, Supplier<InputStream> body)
      throws IOException {
    return send(
        request(path)
            .header("Content-Type", "application/octet-stream")
            .header("Upload-Offset", Long.toString(offset))
            .PUT(
                HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(body), length))
            .build());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Accept", "application/json, application/problem+json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private Answer send(HttpRequest request) throws IOException {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new CommandFailedException(
          "cannot reach the registry at " + base + " (is `modelfleet server` running?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    byte[] bytes = response.body();
    @Nullable JsonValue body = null;
    if (bytes.length > 0) {
      try {
        body = Json.parse(bytes);
      } catch (JsonException e) {
        if (response.statusCode() < 400) {
          throw new CommandFailedException(
              "the registry answered " + response.statusCode() + " with a body that is not JSON");
        }
      }
    }
    if (response.statusCode() >= 400) {
      JsonObject problem = body instanceof JsonObject o ? o : null;
      String code =
          problem == null
              ? "HTTP_" + response.statusCode()
              : problem.findString("code").orElse("?");
      String detail =
          problem == null
              ? new String(bytes, StandardCharsets.UTF_8).strip()
              : problem.findString("detail").orElse(problem.findString("title").orElse(""));
      if (response.statusCode() == 401 && token == null) {
        detail += " (pass --token or set MODELFLEET_TOKEN)";
      }
      throw new Refused(
          response.statusCode(),
          code,
          "the registry refused: " + detail + " [" + code + "]",
          problem);
    }
    return new Answer(response.statusCode(), body);
  }

  static String path(String segment) {
    return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
