package dev.junction.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code subgraphs:} section: per-subgraph settings keyed by the subgraph name of the
 * supergraph ({@code @join__graph(name:)}).
 *
 * @param routingUrls routing URL overrides by subgraph name
 */
public record SubgraphsConfig(Map<String, String> routingUrls) {
  private static final Set<String> KEYS = Set.of("routing_url");

  public SubgraphsConfig {
    routingUrls = Map.copyOf(routingUrls);
  }

  static SubgraphsConfig from(ConfigNode node) {
    Map<String, String> urls = new LinkedHashMap<>();
    node.entries()
        .forEach(
            (name, subgraph) -> {
              ConfigNode urlNode = subgraph.mapping(KEYS).get("routing_url");
              if (!urlNode.isAbsent()) {
                urls.put(name, httpUrl(urlNode));
              }
            });
    return new SubgraphsConfig(urls);
  }

  private static String httpUrl(ConfigNode node) {
    String url = node.requiredString().trim();
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && uri.getHost() != null) {
        return url;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw node.bad("expected an http(s) URL like http://localhost:4001/graphql, got '" + url + "'");
  }
}
