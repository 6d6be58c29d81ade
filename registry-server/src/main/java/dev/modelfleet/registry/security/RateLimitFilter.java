package dev.modelfleet.registry.security;

import dev.modelfleet.registry.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token bucket per caller (user name when authenticated, else remote address) on {@code
 * /api/v1/**}. Buckets live in this replica's memory: with N replicas a caller may get up to N
 * times the rate, which is what this limit is for (protecting each node), not quota accounting.
 */
final class RateLimitFilter extends OncePerRequestFilter {
  private static final int MAX_BUCKETS = 100_000;

  private final SecurityProperties.RateLimit limit;
  private final Clock clock;
  private final ProblemResponses problems;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimitFilter(SecurityProperties.RateLimit limit, Clock clock, ProblemResponses problems) {
    this.limit = limit;
    this.clock = clock;
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !limit.enabled() || !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    String key =
        auth != null && auth.isAuthenticated()
            ? "u:" + auth.getName()
            : "a:" + request.getRemoteAddr();
    if (buckets.size() > MAX_BUCKETS) {
      buckets.clear();
    }
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit.burst(), clock.millis()));
    long waitMillis = bucket.take(clock.millis(), limit.requestsPerSecond(), limit.burst());
    if (waitMillis > 0) {
      long seconds = Math.max(1, (waitMillis + 999) / 1000);
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      problems.write(
          response,
          ErrorCode.RATE_LIMITED,
          "More than " + limit.requestsPerSecond() + " requests per second; retry later.");
      return;
    }
    chain.doFilter(request, response);
  }

  /** Tokens refill continuously at the sustained rate up to the burst size. */
  static final class Bucket {
    private double tokens;
    private long lastMillis;

    Bucket(int burst, long nowMillis) {
      this.tokens = burst;
      this.lastMillis = nowMillis;
    }

    /** Takes one token; returns 0 on success, else how long until one is available. */
    synchronized long take(long nowMillis, int perSecond, int burst) {
      long elapsed = Math.max(0, nowMillis - lastMillis);
      lastMillis = nowMillis;
      tokens = Math.min(burst, tokens + elapsed * perSecond / 1000.0);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) * 1000.0 / perSecond);
    }
  }
}
