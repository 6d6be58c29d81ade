package dev.modelfleet.registry.security;

import dev.modelfleet.registry.audit.AuditLog;
import dev.modelfleet.registry.error.ErrorCode;
import dev.modelfleet.registry.error.RegistryException;
import dev.modelfleet.registry.support.CurrentActor;
import dev.modelfleet.registry.support.Names;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users and their API tokens. */
@Service
class Accounts {
  private static final int MIN_PASSWORD_LENGTH = 12;

  private final UserAccountRepository users;
  private final ApiTokenRepository tokens;
  private final PasswordEncoder passwords;
  private final TokenSecrets secrets;
  private final RoleHierarchy roleHierarchy;
  private final ApiTokenAuthenticator authenticator;
  private final AuditLog audit;
  private final Clock clock;

  Accounts(
      UserAccountRepository users,
      ApiTokenRepository tokens,
      PasswordEncoder passwords,
      TokenSecrets secrets,
      RoleHierarchy roleHierarchy,
      ApiTokenAuthenticator authenticator,
      AuditLog audit,
      Clock clock) {
    this.users = users;
    this.tokens = tokens;
    this.passwords = passwords;
    this.secrets = secrets;
    this.roleHierarchy = roleHierarchy;
    this.authenticator = authenticator;
    this.audit = audit;
    this.clock = clock;
  }

  record UserView(String username, Set<Role> roles, boolean enabled, Instant createdAt) {}

  record TokenView(
      long id,
      String name,
      String username,
      Set<Role> roles,
      Instant createdAt,
      @Nullable Instant expiresAt,
      @Nullable Instant revokedAt) {}

  /** A new token; {@code secret} is shown this once and never stored. */
  record NewToken(TokenView token, String secret) {}

  @PreAuthorize("hasRole('ADMIN')")
  @Transactional
  public UserView createUser(String username, String password, Set<Role> roles) {
    Names.requireSlug("User name", username);
    requireRoles(roles);
    if (password.length() < MIN_PASSWORD_LENGTH) {
      throw new RegistryException(
          ErrorCode.VALIDATION_FAILED,
          "Password must have at least " + MIN_PASSWORD_LENGTH + " characters.");
    }
    if (users.findByUsername(username).isPresent()) {
      throw new RegistryException(ErrorCode.USER_EXISTS, "User " + username + " already exists.");
    }
    UserAccount user =
        users.save(new UserAccount(username, passwords.encode(password), roles, clock.instant()));
    UserView view = view(user);
    audit.record("user.create", "user", username, null, view);
    return view;
  }

  /** Used once by the bootstrap: no caller is authenticated yet. */
  @Transactional
  UserAccount createBootstrapAdmin(String username, String password) {
    UserAccount user =
        users.save(
            new UserAccount(
                username, passwords.encode(password), EnumSet.of(Role.ADMIN), clock.instant()));
    audit.record("user.create", "user", username, null, view(user));
    return user;
  }

  @Transactional
  void createBootstrapToken(UserAccount admin, String secret) {
    ApiToken token =
        tokens.save(
            new ApiToken(
                "bootstrap",
                TokenSecrets.hash(secret),
                admin,
                EnumSet.of(Role.ADMIN),
                clock.instant(),
                null));
    audit.record("token.create", "token", Long.toString(token.id()), null, view(token));
  }

  @Transactional(readOnly = true)
  boolean hasUsers() {
    return users.count() > 0;
  }

  @PreAuthorize("hasRole('ADMIN')")
  @Transactional(readOnly = true)
  public List<UserView> listUsers() {
    return users.findAllByOrderByUsername().stream().map(Accounts::view).toList();
  }

  @PreAuthorize("isAuthenticated()")
  public UserView me() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    Set<Role> roles = rolesOf(auth == null ? List.of() : auth.getAuthorities());
    return new UserView(CurrentActor.name(), roles, true, Instant.EPOCH);
  }

  @PreAuthorize("hasRole('ADMIN')")
  @Transactional
  public UserView disableUser(String username) {
    UserAccount user = user(username);
    UserView before = view(user);
    user.disable();
    authenticator.evictUser(username);
    UserView after = view(user);
    audit.record("user.disable", "user", username, before, after);
    return after;
  }

  /**
   * Creates a token for {@code username} (the caller itself unless the caller is an admin) with
   * {@code roles}, which must be among the caller's own effective roles.
   */
  @PreAuthorize("isAuthenticated()")
  @Transactional
  public NewToken createToken(
      @Nullable String username, String name, @Nullable Set<Role> roles, @Nullable Duration ttl) {
    Names.requireSlug("Token name", name);
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    Set<Role> callerRoles = effectiveRoles(auth);
    String owner = username == null ? CurrentActor.name() : username;
    if (!owner.equals(CurrentActor.name()) && !callerRoles.contains(Role.ADMIN)) {
      throw new RegistryException(
          ErrorCode.ACCESS_DENIED, "Only admins may create tokens for other users.");
    }
    UserAccount user = user(owner);
    Set<Role> granted = roles == null || roles.isEmpty() ? user.roles() : EnumSet.copyOf(roles);
    if (!callerRoles.containsAll(granted)) {
      throw new RegistryException(
          ErrorCode.ACCESS_DENIED, "A token cannot have roles its creator does not have.");
    }
    if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
      throw new RegistryException(ErrorCode.VALIDATION_FAILED, "Token lifetime must be positive.");
    }
    String secret = secrets.newSecret();
    Instant now = clock.instant();
    ApiToken token =
        tokens.save(
            new ApiToken(
                name,
                TokenSecrets.hash(secret),
                user,
                granted,
                now,
                ttl == null ? null : now.plus(ttl)));
    TokenView view = view(token);
    audit.record("token.create", "token", Long.toString(token.id()), null, view);
    return new NewToken(view, secret);
  }

  /** The caller's own tokens; an admin sees all. */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public List<TokenView> listTokens() {
    if (effectiveRoles(SecurityContextHolder.getContext().getAuthentication())
        .contains(Role.ADMIN)) {
      return tokens.findAllByOrderById().stream().map(Accounts::view).toList();
    }
    return users
        .findByUsername(CurrentActor.name())
        .map(u -> tokens.findAllByUserOrderById(u).stream().map(Accounts::view).toList())
        .orElse(List.of());
  }

  @PreAuthorize("isAuthenticated()")
  @Transactional
  public TokenView revokeToken(long id) {
    ApiToken token =
        tokens
            .findById(id)
            .orElseThrow(
                () -> new RegistryException(ErrorCode.TOKEN_NOT_FOUND, "No API token " + id + "."));
    boolean admin =
        effectiveRoles(SecurityContextHolder.getContext().getAuthentication()).contains(Role.ADMIN);
    if (!admin && !token.user().username().equals(CurrentActor.name())) {
      // Not telling non-owners that the id exists.
      throw new RegistryException(ErrorCode.TOKEN_NOT_FOUND, "No API token " + id + ".");
    }
    TokenView before = view(token);
    token.revoke(clock.instant());
    authenticator.evict(id);
    TokenView after = view(token);
    audit.record("token.revoke", "token", Long.toString(id), before, after);
    return after;
  }

  private UserAccount user(String username) {
    return users
        .findByUsername(username)
        .orElseThrow(
            () -> new RegistryException(ErrorCode.USER_NOT_FOUND, "No user " + username + "."));
  }

  private Set<Role> effectiveRoles(@Nullable Authentication auth) {
    if (auth == null) {
      return EnumSet.noneOf(Role.class);
    }
    return rolesOf(roleHierarchy.getReachableGrantedAuthorities(auth.getAuthorities()));
  }

  private static Set<Role> rolesOf(Iterable<? extends GrantedAuthority> authorities) {
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    for (GrantedAuthority a : authorities) {
      for (Role r : Role.values()) {
        if (r.authority().equals(a.getAuthority())) {
          roles.add(r);
        }
      }
    }
    return roles;
  }

  private static void requireRoles(Set<Role> roles) {
    if (roles.isEmpty()) {
      throw new RegistryException(ErrorCode.VALIDATION_FAILED, "A user needs at least one role.");
    }
  }

  private static UserView view(UserAccount u) {
    return new UserView(u.username(), u.roles(), u.enabled(), u.createdAt());
  }

  private static TokenView view(ApiToken t) {
    return new TokenView(
        t.id(),
        t.name(),
        t.user().username(),
        t.roles(),
        t.createdAt(),
        t.expiresAt(),
        t.revokedAt());
  }

  static String describe(Set<Role> roles) {
    return roles.stream().map(Role::name).collect(Collectors.joining(","));
  }
}
