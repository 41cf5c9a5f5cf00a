package dev.junction.gateway.config;

import java.nio.file.Path;
import java.util.Set;

/**
 * The {@code supergraph:} section.
 *
 * @param path the supergraph SDL file (relative paths are resolved against the config file's
 *     directory), or null when it must come from the command line
 */
public record SupergraphConfig(Path path) {
  private static final Set<String> KEYS = Set.of("path");

  static SupergraphConfig from(ConfigNode node, Path baseDir) {
    ConfigNode.Mapping m = node.mapping(KEYS);
    ConfigNode pathNode = m.get("path");
    if (pathNode.isAbsent()) {
      return new SupergraphConfig(null);
    }
    Path path = pathNode.path(baseDir);
    return new SupergraphConfig(path);
  }
}
