package dev.modelfleet.registry.security;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Browsers (the admin UI) fetch their CSRF token here: the response also sets the {@code
 * XSRF-TOKEN} cookie. Send it back as the {@code X-XSRF-TOKEN} header (or {@code _csrf} form field)
 * with every mutating request of a session.
 */
@RestController
class CsrfController {
  record CsrfView(String headerName, String parameterName, String token) {}

  @Operation(summary = "The CSRF token for browser sessions (also set as cookie XSRF-TOKEN)")
  @GetMapping("/csrf")
  CsrfView csrf(CsrfToken token) {
    return new CsrfView(token.getHeaderName(), token.getParameterName(), token.getToken());
  }
}
