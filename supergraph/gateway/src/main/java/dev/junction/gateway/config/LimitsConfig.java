package dev.junction.gateway.config;

import dev.junction.gateway.execution.OperationLimits;
import java.util.Set;

/**
 * The {@code limits:} section: operation size limits, checked after parsing and before validation,
 * planning or any subgraph call. Every key is optional; its default is in {@link OperationLimits}.
 */
public final class LimitsConfig {
  private static final Set<String> KEYS =
      Set.of(
          "max_depth",
          "max_height",
          "max_aliases",
          "max_root_fields",
          "max_directives",
          "max_tokens",
          "max_recursion");
  private static final long MAX = 1_000_000_000L;

  private LimitsConfig() {}

  static OperationLimits from(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(KEYS);
    OperationLimits d = OperationLimits.DEFAULTS;
    return new OperationLimits(
        m.get("max_depth").integer(d.maxDepth(), 1, MAX),
        m.get("max_height").integer(d.maxHeight(), 1, MAX),
        m.get("max_aliases").integer(d.maxAliases(), 0, MAX),
        m.get("max_root_fields").integer(d.maxRootFields(), 1, MAX),
        m.get("max_directives").integer(d.maxDirectives(), 0, MAX),
        (int) m.get("max_tokens").integer(d.maxTokens(), 1, 10_000_000),
        (int) m.get("max_recursion").integer(d.maxRecursion(), 1, 10_000));
  }
}
