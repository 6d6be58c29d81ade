package dev.modelfleet.registry.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Verifies opaque API tokens. A verified token is cached for {@code modelfleet.security
 * .token-cache-ttl} so hot read paths (metadata GETs) cost a hash and a map lookup, not a query.
 */
@Component
class ApiTokenAuthenticator {
  private static final int MAX_CACHED = 10_000;

  private final ApiTokenRepository tokens;
  private final Clock clock;
  private final SecurityProperties properties;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  ApiTokenAuthenticator(ApiTokenRepository tokens, Clock clock, SecurityProperties properties) {
    this.tokens = tokens;
    this.clock = clock;
    this.properties = properties;
  }

  private record Cached(
      long tokenId, String username, List<GrantedAuthority> authorities, Instant validUntil) {}

  Authentication authenticate(Authentication request) throws AuthenticationException {
    String secret = ((BearerTokenAuthenticationToken) request).getToken();
    String hash = TokenSecrets.hash(secret);
    Instant now = clock.instant();
    Cached hit = cache.get(hash);
    if (hit == null || !now.isBefore(hit.validUntil())) {
      hit = load(hash, now).orElseThrow(() -> new BadCredentialsException("Invalid API token"));
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
      cache.put(hash, hit);
    }
    var auth =
        UsernamePasswordAuthenticationToken.authenticated(hit.username(), null, hit.authorities());
    auth.setDetails(Map.of("tokenId", hit.tokenId()));
    return auth;
  }

  private Optional<Cached> load(String hash, Instant now) {
    // The user is fetched eagerly with the token, so no transaction is needed here.
    return tokens
        .findByTokenHash(hash)
        .filter(t -> t.usableAt(now))
        .map(
            t -> {
              Instant until = now.plus(properties.tokenCacheTtl());
              Instant expires = t.expiresAt();
              if (expires != null && expires.isBefore(until)) {
                until = expires;
              }
              List<GrantedAuthority> authorities =
                  t.roles().stream()
                      .<GrantedAuthority>map(r -> new SimpleGrantedAuthority(r.authority()))
                      .toList();
              return new Cached(t.id(), t.user().username(), authorities, until);
            });
  }

  /** Forgets a revoked token on this replica at once (others within the cache TTL). */
  void evict(long tokenId) {
    cache.values().removeIf(c -> c.tokenId() == tokenId);
  }

  /** Forgets every token of a user (disabled users). */
  void evictUser(String username) {
    cache.values().removeIf(c -> c.username().equals(username));
  }
}
