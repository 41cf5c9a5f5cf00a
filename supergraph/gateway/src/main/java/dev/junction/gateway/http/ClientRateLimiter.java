package dev.junction.gateway.http;

import dev.junction.gateway.Identity;
import dev.junction.gateway.config.RateLimitConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Resilience4j {@link RateLimiter} per client key, at most {@code maxClients} of them: the
 * least recently used is forgotten (so a flood of new keys costs memory once, not forever; a
 * forgotten client starts again with a full allowance). Requests are keyed by {@link ClientKeys}.
 */
final class ClientRateLimiter {
  private final RateLimiterConfig limiterConfig;
  private final Duration period;
  private final Map<String, RateLimiter> limiters;
  private final ClientKeys keys;

  /** The outcome of one request: allowed, or refused with the seconds to wait. */
  record Decision(boolean allowed, long retryAfterSeconds) {
    /** The 429 {@code RATE_LIMITED} answer of a refusal. */
    HttpError error() {
      return new HttpError(
          429,
          GatewayHttpServer.RATE_LIMITED,
          "Too many requests from this client; retry in " + retryAfterSeconds + " s");
    }
  }

  ClientRateLimiter(RateLimitConfig config) {
    this.period = config.period();
    this.keys = new ClientKeys(config);
    this.limiterConfig =
        RateLimiterConfig.custom()
            .limitForPeriod(config.limitForPeriod())
            .limitRefreshPeriod(config.period())
            .timeoutDuration(Duration.ZERO)
            .build();
    int max = config.maxClients();
    this.limiters =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
            return size() > max;
          }
        };
  }

  /** Whether the key needs the verified identity: then limits are checked after authentication. */
  boolean afterAuthentication() {
    return keys.afterAuthentication();
  }

  /** Takes one permission for a request ({@link ClientKeys#key}), never waiting. */
  Decision acquire(HttpHeaders headers, InetSocketAddress peer, Identity identity) {
    return acquire(keys.key(headers, peer, identity));
  }

  /** Takes one permission for {@code key}, never waiting. */
  Decision acquire(String key) {
    RateLimiter limiter;
    synchronized (limiters) {
      limiter = limiters.computeIfAbsent(key, k -> RateLimiter.of("client", limiterConfig));
    }
    if (limiter.acquirePermission()) {
      return new Decision(true, 0);
    }
    long nanos =
        limiter instanceof AtomicRateLimiter atomic
            ? atomic.getDetailedMetrics().getNanosToWait()
            : period.toNanos();
    long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    return new Decision(false, seconds);
  }

  /** Clients tracked now. */
  int size() {
    synchronized (limiters) {
      return limiters.size();
    }
  }
}
