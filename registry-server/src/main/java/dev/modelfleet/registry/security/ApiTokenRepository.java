package dev.modelfleet.registry.security;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {
  Optional<ApiToken> findByTokenHash(String tokenHash);

  List<ApiToken> findAllByUserOrderById(UserAccount user);

  List<ApiToken> findAllByOrderById();
}
