package dev.junction.gateway.config;

import dev.junction.gateway.execution.SubgraphErrorPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code include_subgraph_errors:} section, as in Apollo Router: {@code all} (default false)
 * and per-subgraph overrides under {@code subgraphs}.
 */
final class SubgraphErrorsConfig {
  private static final Set<String> KEYS = Set.of("all", "subgraphs");

  private SubgraphErrorsConfig() {}

  static SubgraphErrorPolicy from(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(KEYS);
    Map<String, Boolean> subgraphs = new LinkedHashMap<>();
    m.get("subgraphs").entries().forEach((name, value) -> subgraphs.put(name, value.bool(false)));
    return new SubgraphErrorPolicy(m.get("all").bool(false), subgraphs);
  }
}
