package dev.junction.gateway;

import java.util.List;
import java.util.Map;

/**
 * Decides which headers a subgraph request carries, from the client's request headers (router
 * config {@code headers:} rules).
 */
@FunctionalInterface
public interface HeaderPropagator {
  /** Propagates nothing. */
  HeaderPropagator NONE = (subgraph, clientHeaders) -> Map.of();

  /**
   * The headers to send to {@code subgraph}; {@code clientHeaders} has lower-cased names.
   * Content-Type and Accept are set by the executor and must not be returned.
   */
  Map<String, List<String>> headersFor(String subgraph, Map<String, List<String>> clientHeaders);

  /**
   * The headers to send to {@code subgraph} for a request made by {@code identity} (claims may be
   * sent as headers). By default the identity is ignored.
   */
  default Map<String, List<String>> headersFor(
      String subgraph, Map<String, List<String>> clientHeaders, Identity identity) {
    return headersFor(subgraph, clientHeaders);
  }
}
