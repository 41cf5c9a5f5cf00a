package dev.junction.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code subscription:} section: federated subscriptions over graphql-transport-ws and
 * Server-Sent Events (clients), graphql-transport-ws to the owning subgraph.
 *
 * @param enabled whether subscriptions are served at all (default true)
 * @param maxSubscriptionsPerConnection open subscriptions on one WebSocket (default 100)
 * @param maxConnectionsPerClient open WebSockets and SSE streams per client key (the rate limiter's
 *     key: client name, claim or IP; default 100)
 * @param connectionInitTimeout how long a client socket may wait before {@code connection_init}
 *     (default 10s, then close 4408)
 * @param keepaliveInterval how often a ping (WebSocket) or comment (SSE) is sent (default 15s; 0
 *     turns it off)
 * @param bufferSize events buffered for a slow client before its subscription is closed (default
 *     256)
 * @param maxMessageBytes the largest WebSocket message a client may send (default 1 MiB)
 * @param subgraphAckTimeout how long a subgraph socket may take to connect and acknowledge (default
 *     10s)
 * @param allPath the path of every subgraph's WebSocket endpoint, null for its routing URL's
 * @param subgraphs per-subgraph {@code url} / {@code path} overrides
 */
public record SubscriptionConfig(
    boolean enabled,
    int maxSubscriptionsPerConnection,
    int maxConnectionsPerClient,
    Duration connectionInitTimeout,
    Duration keepaliveInterval,
    int bufferSize,
    int maxMessageBytes,
    Duration subgraphAckTimeout,
    String allPath,
    Map<String, Endpoint> subgraphs) {
  private static final Set<String> KEYS =
      Set.of(
          "enabled",
          "max_subscriptions_per_connection",
          "max_connections_per_client",
          "connection_init_timeout",
          "keepalive_interval",
          "buffer_size",
          "max_message_bytes",
          "subgraph_ack_timeout",
          "all",
          "subgraphs");
  private static final Set<String> ENDPOINT_KEYS = Set.of("url", "path");

  /**
   * A subgraph's WebSocket endpoint override.
   *
   * @param url the full {@code ws://} or {@code wss://} URL, or null
   * @param path the path on the routing URL's host, or null
   */
  public record Endpoint(String url, String path) {}

  public SubscriptionConfig {
    subgraphs = Map.copyOf(subgraphs);
  }

  /** Every default. */
  public static SubscriptionConfig defaults() {
    return new SubscriptionConfig(
        true,
        100,
        100,
        Duration.ofSeconds(10),
        Duration.ofSeconds(15),
        256,
        1024 * 1024,
        Duration.ofSeconds(10),
        null,
        Map.of());
  }

  /**
   * The WebSocket URL of a subgraph: its {@code url} override, else its routing URL with the scheme
   * {@code ws}/{@code wss} and the configured path (its own, {@code all.path}, or the routing
   * URL's).
   */
  public String webSocketUrl(String subgraph, String routingUrl) {
    Endpoint own = subgraphs.get(subgraph);
    if (own != null && own.url() != null) {
      return own.url();
    }
    String path = own != null && own.path() != null ? own.path() : allPath;
    URI uri = URI.create(routingUrl);
    String scheme = "https".equalsIgnoreCase(uri.getScheme()) ? "wss" : "ws";
    String authority = uri.getRawAuthority();
    String p = path != null ? path : uri.getRawPath();
    return scheme
        + "://"
        + authority
        + (p == null || p.isEmpty() ? "/" : p)
        + (path == null && uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
  }

  static SubscriptionConfig from(ConfigNode node) {
    SubscriptionConfig d = defaults();
    ConfigNode.Mapping m = node.mapping(KEYS);
    ConfigNode init = m.get("connection_init_timeout");
    Duration initTimeout = init.duration(d.connectionInitTimeout());
    if (initTimeout.isZero()) {
      throw init.bad("must be greater than 0");
    }
    ConfigNode ack = m.get("subgraph_ack_timeout");
    Duration ackTimeout = ack.duration(d.subgraphAckTimeout());
    if (ackTimeout.isZero()) {
      throw ack.bad("must be greater than 0");
    }
    String allPath = path(m.get("all").mapping(Set.of("path")).get("path"));
    Map<String, Endpoint> bySubgraph = new LinkedHashMap<>();
    m.get("subgraphs")
        .entries()
        .forEach(
            (name, sub) -> {
              ConfigNode.Mapping e = sub.mapping(ENDPOINT_KEYS);
              String url = e.get("url").string(null);
              if (url != null) {
                String lower = url.toLowerCase(java.util.Locale.ROOT);
                if (!lower.startsWith("ws://") && !lower.startsWith("wss://")) {
                  throw e.get("url").bad("expected a ws:// or wss:// URL, got '" + url + "'");
                }
              }
              bySubgraph.put(name, new Endpoint(url, path(e.get("path"))));
            });
    return new SubscriptionConfig(
        m.get("enabled").bool(d.enabled()),
        (int) m.get("max_subscriptions_per_connection").integer(100, 1, 100_000),
        (int) m.get("max_connections_per_client").integer(100, 1, 1_000_000),
        initTimeout,
        m.get("keepalive_interval").duration(d.keepaliveInterval()),
        (int) m.get("buffer_size").integer(256, 1, 1_000_000),
        (int) m.get("max_message_bytes").integer(1024 * 1024, 1024, 64L * 1024 * 1024),
        ackTimeout,
        allPath,
        bySubgraph);
  }

  private static String path(ConfigNode node) {
    String p = node.string(null);
    if (p != null && !p.startsWith("/")) {
      throw node.bad("a path starts with '/', got '" + p + "'");
    }
    return p;
  }
}
