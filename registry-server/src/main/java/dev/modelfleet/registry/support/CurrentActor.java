package dev.modelfleet.registry.support;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The name recorded as "who" in audits: the authenticated principal, or {@code system}. */
public final class CurrentActor {
  public static final String SYSTEM = "system";

  private CurrentActor() {}

  public static String name() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated() || auth.getName() == null) {
      return SYSTEM;
    }
    return auth.getName();
  }
}
