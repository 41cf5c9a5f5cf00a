package dev.junction.gateway.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code rate_limit:} section: a token bucket per client (Resilience4j {@code RateLimiter}),
 * off by default.
 *
 * @param enabled whether requests are limited at all
 * @param key what identifies a client
 * @param clientNameHeader the header naming the client when {@code key} is {@link Key#CLIENT_NAME}
 * @param limitForPeriod requests one client may make per period
 * @param period how often a client's allowance is refilled
 * @param maxClients how many clients are tracked at once; the least recently seen is forgotten
 */
public record RateLimitConfig(
    boolean enabled,
    Key key,
    String clientNameHeader,
    int limitForPeriod,
    Duration period,
    int maxClients) {

  /** What identifies a client. */
  public enum Key {
    /** The client name header; requests without it are keyed by IP. */
    CLIENT_NAME,
    /** The peer IP address of the connection. */
    IP
  }

  /** Default client name header (Apollo's client awareness header). */
  public static final String DEFAULT_CLIENT_NAME_HEADER = "apollographql-client-name";

  /** Default bound on tracked clients. */
  public static final int DEFAULT_MAX_CLIENTS = 10_000;

  private static final Set<String> KEYS =
      Set.of("enabled", "key", "client_name_header", "limit_for_period", "period", "max_clients");

  /** Off; when turned on: 100 requests per second per client name (or IP), 10,000 clients. */
  public static RateLimitConfig disabled() {
    return new RateLimitConfig(
        false,
        Key.CLIENT_NAME,
        DEFAULT_CLIENT_NAME_HEADER,
        100,
        Duration.ofSeconds(1),
        DEFAULT_MAX_CLIENTS);
  }

  static RateLimitConfig from(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(KEYS);
    RateLimitConfig d = disabled();
    ConfigNode keyNode = m.get("key");
    String keyText = keyNode.string("client_name").trim().toLowerCase(Locale.ROOT);
    Key key =
        switch (keyText) {
          case "client_name" -> Key.CLIENT_NAME;
          case "ip" -> Key.IP;
          default -> throw keyNode.bad("expected client_name or ip, got '" + keyText + "'");
        };
    String header =
        m.get("client_name_header").string(d.clientNameHeader()).trim().toLowerCase(Locale.ROOT);
    if (!header.matches("[a-z0-9!#$%&'*+.^_`|~-]+")) {
      throw m.get("client_name_header").bad("not a valid header name: '" + header + "'");
    }
    ConfigNode periodNode = m.get("period");
    Duration period = periodNode.duration(d.period());
    if (period.toMillis() < 1) {
      throw periodNode.bad("must be at least 1ms");
    }
    return new RateLimitConfig(
        m.get("enabled").bool(false),
        key,
        header,
        (int) m.get("limit_for_period").integer(d.limitForPeriod(), 1, 1_000_000_000),
        period,
        (int) m.get("max_clients").integer(d.maxClients(), 1, 10_000_000));
  }
}
