package dev.junction.gateway.config;

import dev.junction.gateway.auth.SubgraphCredentials;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code subgraph_auth:} section: the secret the gateway signs its caller token to the
 * subgraphs with ({@link SubgraphCredentials}), for {@code all} subgraphs and per subgraph ({@code
 * subgraphs.<name>.secret} overrides {@code all.secret}). Off for a subgraph without a secret (an
 * empty value counts as none).
 *
 * @param allSecret the secret of every subgraph, null when none
 * @param subgraphSecrets secrets by subgraph name
 */
public record SubgraphAuthConfig(String allSecret, Map<String, String> subgraphSecrets) {
  private static final Set<String> KEYS = Set.of("all", "subgraphs");
  private static final Set<String> SECTION_KEYS = Set.of("secret");

  public SubgraphAuthConfig {
    subgraphSecrets = Map.copyOf(subgraphSecrets);
  }

  /** No secret: subgraph calls carry no caller token. */
  public static SubgraphAuthConfig disabled() {
    return new SubgraphAuthConfig(null, Map.of());
  }

  /** Whether any subgraph call carries a caller token. */
  public boolean enabled() {
    return allSecret != null || !subgraphSecrets.isEmpty();
  }

  /** The credentials, or null when off. */
  public SubgraphCredentials toCredentials(Clock clock) {
    return enabled() ? new SubgraphCredentials(allSecret, subgraphSecrets, clock) : null;
  }

  @Override
  public String toString() {
    return "SubgraphAuthConfig[all="
        + (allSecret == null ? "none" : "***")
        + ", subgraphs="
        + subgraphSecrets.keySet()
        + "]";
  }

  static SubgraphAuthConfig from(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(KEYS);
    String all = secret(m.get("all"));
    Map<String, String> bySubgraph = new LinkedHashMap<>();
    m.get("subgraphs")
        .entries()
        .forEach(
            (name, sub) -> {
              String s = secret(sub);
              if (s != null) {
                bySubgraph.put(name, s);
              }
            });
    return new SubgraphAuthConfig(all, bySubgraph);
  }

  private static String secret(ConfigNode section) {
    ConfigNode node = section.mapping(SECTION_KEYS).get("secret");
    String s = node.string(null);
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      new SubgraphCredentials(s, Map.of(), Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      throw node.bad(e.getMessage());
    }
    return s;
  }
}
