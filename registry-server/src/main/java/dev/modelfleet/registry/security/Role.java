package dev.modelfleet.registry.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The registry's roles. ADMIN implies PUBLISHER and FLEET_MANAGER, both of which imply VIEWER;
 * {@code @PreAuthorize("hasRole('PUBLISHER')")} therefore admits admins too.
 */
public enum Role {
  ADMIN,
  PUBLISHER,
  FLEET_MANAGER,
  VIEWER;

  /** The Spring Security authority, e.g. {@code ROLE_PUBLISHER}. */
  public String authority() {
    return "ROLE_" + name();
  }

  static String join(Set<Role> roles) {
    return roles.stream().sorted().map(Role::name).collect(Collectors.joining(","));
  }

  static Set<Role> parse(String joined) {
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    Arrays.stream(joined.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .forEach(s -> roles.add(Role.valueOf(s.toUpperCase(Locale.ROOT))));
    return roles;
  }
}
