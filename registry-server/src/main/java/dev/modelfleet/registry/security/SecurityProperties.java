package dev.modelfleet.registry.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code modelfleet.security.*}.
 *
 * @param corsAllowedOrigins origins allowed to call the API from a browser; empty (the default)
 *     closes CORS
 * @param tokenCacheTtl how long a verified API token is trusted without a database lookup (a
 *     revoked token stops working within this time on every replica)
 * @param oidc optional OIDC resource server settings (active when Spring's {@code
 *     spring.security.oauth2.resourceserver.jwt.*} is configured)
 * @param rateLimit per-caller request rate limit
 */
@ConfigurationProperties("modelfleet.security")
record SecurityProperties(
    @DefaultValue List<String> corsAllowedOrigins,
    @DefaultValue("30s") Duration tokenCacheTtl,
    @DefaultValue Oidc oidc,
    @DefaultValue RateLimit rateLimit) {

  /**
   * @param rolesClaim JWT claim holding role names (ADMIN, PUBLISHER, FLEET_MANAGER, VIEWER)
   * @param usernameClaim JWT claim used as the audited user name
   */
  record Oidc(
      @DefaultValue("roles") String rolesClaim,
      @DefaultValue("preferred_username") String usernameClaim) {}

  /**
   * @param enabled whether to limit at all
   * @param requestsPerSecond sustained requests per second per caller (token, user or address)
   * @param burst requests a caller may make at once before the sustained rate applies
   */
  record RateLimit(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("200") int requestsPerSecond,
      @DefaultValue("1000") int burst) {}
}
