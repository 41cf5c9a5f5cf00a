package dev.junction.gateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code rate_limit:} section: a token bucket per client (Resilience4j {@code RateLimiter}),
 * off by default.
 *
 * <p>A client is its client name header ({@link Key#CLIENT_NAME}), its IP ({@link Key#IP}) or one
 * claim of its verified token ({@link Key#CLAIM}). Whatever the key, a request that lacks it (no
 * client name; no token or no such claim) falls back to its IP's bucket, so anonymous requests
 * share their address's allowance. The IP is the connection's peer address; {@code X-Forwarded-For}
 * is read only when that peer is one of {@code trustedProxies} (none by default), and then the
 * client is the rightmost forwarded address that is not a trusted proxy.
 *
 * @param enabled whether requests are limited at all
 * @param key what identifies a client
 * @param clientNameHeader the header naming the client when {@code key} is {@link Key#CLIENT_NAME}
 * @param limitForPeriod requests one client may make per period
 * @param period how often a client's allowance is refilled
 * @param maxClients how many clients are tracked at once; the least recently seen is forgotten
 * @param claim the claim naming the client when {@code key} is {@link Key#CLAIM} ({@code sub} by
 *     default): a string, number or boolean value; any other value counts as absent
 * @param trustedProxies the proxies whose {@code X-Forwarded-For} is believed; empty: never read
 */
public record RateLimitConfig(
    boolean enabled,
    Key key,
    String clientNameHeader,
    int limitForPeriod,
    Duration period,
    int maxClients,
    String claim,
    List<IpRange> trustedProxies) {

  public RateLimitConfig {
    trustedProxies = List.copyOf(trustedProxies);
  }

  /** What identifies a client. */
  public enum Key {
    /** The client name header; requests without it are keyed by IP. */
    CLIENT_NAME,
    /** The peer IP address of the connection (or the forwarded one from a trusted proxy). */
    IP,
    /**
     * A claim of the verified bearer token, checked after authentication (an invalid token is a 401
     * before any rate limit); anonymous requests and tokens without the claim are keyed by IP.
     */
    CLAIM
  }

  /** Default client name header (Apollo's client awareness header). */
  public static final String DEFAULT_CLIENT_NAME_HEADER = "apollographql-client-name";

  /** Default bound on tracked clients. */
  public static final int DEFAULT_MAX_CLIENTS = 10_000;

  /** Default claim for {@link Key#CLAIM}: the token's subject. */
  public static final String DEFAULT_CLAIM = "sub";

  private static final Set<String> KEYS =
      Set.of(
          "enabled",
          "key",
          "client_name_header",
          "claim",
          "limit_for_period",
          "period",
          "max_clients",
          "trusted_proxies");

  /**
   * Off; when turned on: 100 requests per second per client name (or IP), 10,000 clients, no
   * trusted proxy.
   */
  public static RateLimitConfig disabled() {
    return new RateLimitConfig(
        false,
        Key.CLIENT_NAME,
        DEFAULT_CLIENT_NAME_HEADER,
        100,
        Duration.ofSeconds(1),
        DEFAULT_MAX_CLIENTS,
        DEFAULT_CLAIM,
        List.of());
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
          case "claim" -> Key.CLAIM;
          default -> throw keyNode.bad("expected client_name, ip or claim, got '" + keyText + "'");
        };
    String header =
        m.get("client_name_header").string(d.clientNameHeader()).trim().toLowerCase(Locale.ROOT);
    if (!header.matches("[a-z0-9!#$%&'*+.^_`|~-]+")) {
      throw m.get("client_name_header").bad("not a valid header name: '" + header + "'");
    }
    ConfigNode claimNode = m.get("claim");
    String claim = claimNode.string(d.claim()).trim();
    if (claim.isEmpty()) {
      throw claimNode.bad("a claim name is required");
    }
    List<IpRange> proxies = new ArrayList<>();
    for (ConfigNode item : m.get("trusted_proxies").list()) {
      try {
        proxies.add(IpRange.parse(item.requiredString()));
      } catch (IllegalArgumentException e) {
        throw item.bad(e.getMessage());
      }
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
        (int) m.get("max_clients").integer(d.maxClients(), 1, 10_000_000),
        claim,
        proxies);
  }
}
