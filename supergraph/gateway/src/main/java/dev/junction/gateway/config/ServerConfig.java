package dev.junction.gateway.config;

import java.util.Set;

/**
 * The {@code server:} section: where the gateway listens and what it accepts.
 *
 * @param host listen address ({@code 0.0.0.0} for every interface)
 * @param port listen port ({@code 0} picks a free one)
 * @param maxRequestBytes largest accepted request body; bigger ones get 413
 * @param graphiql whether GraphiQL is served at {@code /}
 */
public record ServerConfig(String host, int port, long maxRequestBytes, boolean graphiql) {
  /** Default listen address. */
  public static final String DEFAULT_LISTEN = "0.0.0.0:4000";

  /** Default body limit: 2 MB. */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 2L * 1024 * 1024;

  private static final Set<String> KEYS = Set.of("listen", "max_request_bytes", "graphiql");

  /** Listens on 0.0.0.0:4000, 2 MB bodies, GraphiQL on. */
  public static ServerConfig defaults() {
    return new ServerConfig("0.0.0.0", 4000, DEFAULT_MAX_REQUEST_BYTES, true);
  }

  /** The same config with another port (command-line override). */
  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, maxRequestBytes, graphiql);
  }

  static ServerConfig from(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(KEYS);
    ConfigNode listenNode = m.get("listen");
    String listen = listenNode.string(DEFAULT_LISTEN).trim();
    int colon = listen.lastIndexOf(':');
    String host = colon > 0 ? listen.substring(0, colon) : "";
    String portText = colon > 0 ? listen.substring(colon + 1) : "";
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      host = "";
    }
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (host.isEmpty() || port < 0 || port > 65535) {
      throw listenNode.bad("expected host:port like 0.0.0.0:4000, got '" + listen + "'");
    }
    long maxBytes =
        m.get("max_request_bytes").integer(DEFAULT_MAX_REQUEST_BYTES, 1, Integer.MAX_VALUE);
    boolean graphiql = m.get("graphiql").bool(true);
    return new ServerConfig(host, port, maxBytes, graphiql);
  }
}
