/**
 * Who may do what: admin users (form login, session, CSRF), bearer API tokens for automation (both
 * hashed at rest), optional OIDC resource server, the role hierarchy behind {@code @PreAuthorize},
 * CORS (closed by default), rate limits, and the first start's bootstrap admin and token.
 */
@NullMarked
package dev.modelfleet.registry.security;

import org.jspecify.annotations.NullMarked;
