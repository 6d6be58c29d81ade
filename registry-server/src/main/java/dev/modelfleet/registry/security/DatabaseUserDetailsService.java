package dev.modelfleet.registry.security;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Form login against the {@code user_account} table. */
@Component
class DatabaseUserDetailsService implements UserDetailsService {
  private final UserAccountRepository users;

  DatabaseUserDetailsService(UserAccountRepository users) {
    this.users = users;
  }

  @Override
  @Transactional(readOnly = true)
  public UserDetails loadUserByUsername(String username) {
    UserAccount user =
        users
            .findByUsername(username)
            .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    return User.withUsername(user.username())
        .password(user.passwordHash())
        .disabled(!user.enabled())
        .authorities(user.roles().stream().map(Role::authority).toArray(String[]::new))
        .build();
  }
}
