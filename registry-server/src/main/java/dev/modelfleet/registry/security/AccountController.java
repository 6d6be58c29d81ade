package dev.modelfleet.registry.security;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class AccountController {
  private final Accounts accounts;

  AccountController(Accounts accounts) {
    this.accounts = accounts;
  }

  record CreateUser(
      @NotBlank String username, @NotBlank String password, @NotEmpty Set<Role> roles) {}

  record CreateToken(
      @NotBlank String name,
      @Nullable Set<Role> roles,
      @Nullable @Positive Integer expiresInDays) {}

  @Operation(summary = "Create a user (ADMIN)")
  @PostMapping("/users")
  @ResponseStatus(HttpStatus.CREATED)
  Accounts.UserView createUser(@Valid @RequestBody CreateUser request) {
    return accounts.createUser(request.username(), request.password(), request.roles());
  }

  @Operation(summary = "List users (ADMIN)")
  @GetMapping("/users")
  List<Accounts.UserView> users() {
    return accounts.listUsers();
  }

  @Operation(summary = "The caller's name and roles")
  @GetMapping("/users/me")
  Accounts.UserView me() {
    return accounts.me();
  }

  @Operation(summary = "Disable a user and all its tokens (ADMIN)")
  @PostMapping("/users/{username}/disable")
  Accounts.UserView disable(@PathVariable String username) {
    return accounts.disableUser(username);
  }

  @Operation(
      summary = "Create an API token for the caller; the secret is shown only in this response")
  @PostMapping("/tokens")
  @ResponseStatus(HttpStatus.CREATED)
  Accounts.NewToken createToken(@Valid @RequestBody CreateToken request) {
    return accounts.createToken(null, request.name(), request.roles(), ttl(request));
  }

  @Operation(summary = "Create an API token for another user (ADMIN)")
  @PostMapping("/users/{username}/tokens")
  @ResponseStatus(HttpStatus.CREATED)
  Accounts.NewToken createTokenFor(
      @PathVariable String username, @Valid @RequestBody CreateToken request) {
    return accounts.createToken(username, request.name(), request.roles(), ttl(request));
  }

  @Operation(summary = "The caller's API tokens (ADMIN: all tokens)")
  @GetMapping("/tokens")
  List<Accounts.TokenView> tokens() {
    return accounts.listTokens();
  }

  @Operation(summary = "Revoke an API token")
  @DeleteMapping("/tokens/{id}")
  Accounts.TokenView revoke(@PathVariable long id) {
    return accounts.revokeToken(id);
  }

  private static @Nullable Duration ttl(CreateToken request) {
    Integer days = request.expiresInDays();
    return days == null ? null : Duration.ofDays(days);
  }
}
