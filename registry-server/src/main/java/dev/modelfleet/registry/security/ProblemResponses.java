package dev.modelfleet.registry.security;

import dev.modelfleet.registry.error.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Problem details written by filters, which run before Spring MVC's exception handling. */
final class ProblemResponses {
  private final JsonMapper json;

  ProblemResponses(JsonMapper json) {
    this.json = json;
  }

  void write(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", code.type().toString());
    body.put("title", code.title());
    body.put("status", code.status().value());
    body.put("detail", detail);
    body.put("code", code.name());
    response.setStatus(code.status().value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(json.writeValueAsBytes(body));
  }
}
