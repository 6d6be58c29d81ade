package dev.modelfleet.registry.security;

import dev.modelfleet.registry.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * One filter chain: bearer tokens (API tokens, or JWTs from an OIDC provider when configured) for
 * automation, form login with a session and CSRF protection for browsers, problem details for 401
 * and 403, CORS closed unless origins are configured, and a per-caller rate limit on the API.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

  @Bean
  static RoleHierarchy roleHierarchy() {
    return RoleHierarchyImpl.withDefaultRolePrefix()
        .role(Role.ADMIN.name())
        .implies(Role.PUBLISHER.name(), Role.FLEET_MANAGER.name())
        .role(Role.PUBLISHER.name())
        .implies(Role.VIEWER.name())
        .role(Role.FLEET_MANAGER.name())
        .implies(Role.VIEWER.name())
        .build();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  TokenSecrets tokenSecrets() {
    return new TokenSecrets(new SecureRandom());
  }

  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  SecurityFilterChain filterChain(
      HttpSecurity http,
      ApiTokenAuthenticator apiTokens,
      ObjectProvider<JwtDecoder> jwtDecoder,
      SecurityProperties properties,
      JsonMapper json,
      Clock clock)
      throws Exception {
    ProblemResponses problems = new ProblemResponses(json);
    DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
    AuthenticationManager apiTokenManager = apiTokens::authenticate;
    @Nullable AuthenticationManager jwtManager =
        jwtManager(jwtDecoder.getIfAvailable(), properties);
    AuthenticationManagerResolver<HttpServletRequest> resolver =
        request -> {
          String token = bearer.resolve(request);
          return jwtManager != null && token != null && looksLikeJwt(token)
              ? jwtManager
              : apiTokenManager;
        };
    RequestMatcher hasBearer =
        request -> {
          String header = request.getHeader(HttpHeaders.AUTHORIZATION);
          return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
        };
    // CSRF protects ambient credentials (the session cookie) and the login form itself; a request
    // without a session or with its own bearer token cannot be forged that way.
    RequestMatcher noCsrfNeeded =
        request ->
            hasBearer.matches(request)
                || (request.getRequestedSessionId() == null
                    && !"/login".equals(request.getServletPath()));

    http.authorizeHttpRequests(
            a ->
                a.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                    .permitAll()
                    .requestMatchers("/v3/api-docs", "/v3/api-docs/**")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/blobs/**")
                    .permitAll()
                    .requestMatchers(HttpMethod.HEAD, "/blobs/**")
                    .permitAll()
                    .requestMatchers("/login", "/logout", "/error", "/csrf")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(f -> f.permitAll())
        .logout(l -> l.permitAll())
        .csrf(
            c ->
                // Tokens are created only when a browser asks (GET /csrf) or a session-backed
                // mutation is checked: generating one per API request would cost every call.
                c.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                    .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                    .ignoringRequestMatchers(noCsrfNeeded))
        .cors(c -> c.configurationSource(cors(properties.corsAllowedOrigins())))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, ex) -> {
                          response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                          problems.write(
                              response,
                              ErrorCode.AUTHENTICATION_REQUIRED,
                              "Sign in or send a valid API token (Authorization: Bearer ...).");
                        })
                    .accessDeniedHandler(
                        (request, response, ex) ->
                            problems.write(
                                response,
                                ErrorCode.ACCESS_DENIED,
                                "Your roles do not allow this action, or the CSRF token is"
                                    + " missing.")))
        .oauth2ResourceServer(
            o ->
                o.authenticationManagerResolver(resolver)
                    .authenticationEntryPoint(
                        (request, response, ex) -> {
                          response.setHeader(
                              HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
                          problems.write(
                              response,
                              ErrorCode.AUTHENTICATION_REQUIRED,
                              "The bearer token is invalid, expired or revoked.");
                        }))
        .addFilterAfter(
            new RateLimitFilter(properties.rateLimit(), clock, problems),
            AuthorizationFilter.class);
    return http.build();
  }

  private static boolean looksLikeJwt(String token) {
    return token.chars().filter(c -> c == '.').count() == 2;
  }

  private static @Nullable AuthenticationManager jwtManager(
      @Nullable JwtDecoder decoder, SecurityProperties properties) {
    if (decoder == null) {
      return null;
    }
    JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setPrincipalClaimName(properties.oidc().usernameClaim());
    converter.setJwtGrantedAuthoritiesConverter(rolesFrom(properties.oidc().rolesClaim()));
    provider.setJwtAuthenticationConverter(
        (Converter<Jwt, AbstractAuthenticationToken>) converter::convert);
    return provider::authenticate;
  }

  /** Role names in a JWT claim (string or list) become our authorities; others are ignored. */
  static Converter<Jwt, Collection<GrantedAuthority>> rolesFrom(String claim) {
    return jwt -> {
      List<GrantedAuthority> authorities = new ArrayList<>();
      Object value = jwt.getClaims().get(claim);
      List<?> names =
          value instanceof Collection<?> c
              ? new ArrayList<>(c)
              : value instanceof String s ? List.of((Object[]) s.split("[ ,]")) : List.of();
      for (Object name : names) {
        String upper = String.valueOf(name).trim().toUpperCase(Locale.ROOT);
        for (Role role : Role.values()) {
          if (role.name().equals(upper)) {
            authorities.add(new SimpleGrantedAuthority(role.authority()));
          }
        }
      }
      return authorities;
    };
  }

  private static CorsConfigurationSource cors(List<String> allowedOrigins) {
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    if (!allowedOrigins.isEmpty()) {
      CorsConfiguration config = new CorsConfiguration();
      config.setAllowedOrigins(allowedOrigins);
      config.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
      config.setAllowedHeaders(
          List.of("Authorization", "Content-Type", "X-XSRF-TOKEN", "If-None-Match"));
      config.setExposedHeaders(List.of("ETag", "Location", "Retry-After", "Upload-Offset"));
      config.setAllowCredentials(true);
      source.registerCorsConfiguration("/**", config);
    }
    return source;
  }
}
