package dev.modelfleet.registry.security;

import java.util.Optional;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * For hot read paths that answer before the security filter chain: checks an opaque API token
 * (cached like every token check). Every role implies VIEWER, so a valid token may read.
 */
@Component
public class BearerTokens {
  private final ApiTokenAuthenticator authenticator;

  BearerTokens(ApiTokenAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  /** The caller's user name if {@code token} is a valid, unrevoked, unexpired API token. */
  public Optional<String> viewer(String token) {
    if (!token.startsWith(TokenSecrets.PREFIX)) {
      return Optional.empty(); // JWTs and bootstrap tokens take the full chain
    }
    try {
      return Optional.of(
          authenticator.authenticate(new BearerTokenAuthenticationToken(token)).getName());
    } catch (AuthenticationException e) {
      return Optional.empty();
    }
  }
}
