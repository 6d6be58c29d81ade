package dev.modelfleet.registry.metadata;

import dev.modelfleet.registry.security.BearerTokens;
import dev.modelfleet.signing.metadata.Role;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Devices poll metadata far more often than anything else is called. A GET of the latest
 * root/targets/snapshot/timestamp with a valid opaque API token and a document in this replica's
 * cache is answered here, before the security filter chain and Spring MVC; everything else (no or
 * bad token, JWTs, cache misses) takes the normal path, which also produces the error responses.
 */
@Configuration(proxyBeanMethods = false)
class MetadataFastPath {
  private static final Pattern PATH =
      Pattern.compile("/api/v1/models/([^/]+)/metadata/(root|targets|snapshot|timestamp)\\.json");

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> metadataFastPathFilter(
      RepositoryMetadata metadata, BearerTokens tokens, MeterRegistry meters) {
    Counter served = meters.counter("modelfleet.metadata.fast.requests");
    OncePerRequestFilter filter =
        new OncePerRequestFilter() {
          @Override
          protected void doFilterInternal(
              HttpServletRequest request, HttpServletResponse response, FilterChain chain)
              throws ServletException, IOException {
            Optional<MetadataDocument> doc = hit(request);
            if (doc.isEmpty()) {
              chain.doFilter(request, response);
              return;
            }
            served.increment();
            MetadataController.write(doc.get(), request.getHeader("If-None-Match"), response);
          }

          private Optional<MetadataDocument> hit(HttpServletRequest request) {
            if (!"GET".equals(request.getMethod())) {
              return Optional.empty();
            }
            String auth = request.getHeader("Authorization");
            if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
              return Optional.empty();
            }
            Matcher m = PATH.matcher(request.getRequestURI());
            if (!m.matches() || tokens.viewer(auth.substring(7).trim()).isEmpty()) {
              return Optional.empty();
            }
            return metadata.cached(m.group(1), role(m.group(2)));
          }
        };
    FilterRegistrationBean<OncePerRequestFilter> registration =
        new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns("/api/v1/models/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    registration.setName("metadataFastPath");
    return registration;
  }

  private static Role role(String id) {
    return switch (id) {
      case "root" -> Role.ROOT;
      case "targets" -> Role.TARGETS;
      case "snapshot" -> Role.SNAPSHOT;
      default -> Role.TIMESTAMP;
    };
  }
}
