package dev.junction.gateway.config;

import dev.junction.gateway.persisted.PersistedQueries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The {@code persisted_queries:} section.
 *
 * @param enabled automatic persisted queries (hash-only requests, documents registered by hash)
 * @param safelist only operations of the manifest may run
 * @param logUnknown log operations that are not in the manifest
 * @param manifest the client SDK's {@code persisted-queries.json} (id → document), or empty
 */
public record PersistedQueriesConfig(
    boolean enabled,
    boolean safelist,
    boolean logUnknown,
    Path manifestPath,
    Map<String, String> manifest) {
  private static final Set<String> KEYS = Set.of("enabled", "safelist", "log_unknown", "manifest");

  public PersistedQueriesConfig {
    manifest = Map.copyOf(manifest);
  }

  /** APQ on, no manifest. */
  public static PersistedQueriesConfig defaults() {
    return new PersistedQueriesConfig(true, false, false, null, Map.of());
  }

  static PersistedQueriesConfig from(ConfigNode node, Path baseDir) {
    ConfigNode.Mapping m = node.mapping(KEYS);
    boolean enabled = m.get("enabled").bool(true);
    boolean safelist = m.get("safelist").bool(false);
    boolean logUnknown = m.get("log_unknown").bool(false);
    ConfigNode manifestNode = m.get("manifest");
    Path path = null;
    Map<String, String> manifest = Map.of();
    if (!manifestNode.isAbsent()) {
      path = manifestNode.path(baseDir);
      try {
        manifest = PersistedQueries.readManifest(path);
      } catch (IOException e) {
        throw manifestNode.bad(
            "cannot read the persisted-query manifest " + path + ": " + e.getMessage());
      }
    }
    if ((safelist || logUnknown) && manifest.isEmpty()) {
      throw (safelist ? m.get("safelist") : m.get("log_unknown"))
          .bad("needs persisted_queries.manifest with at least one operation");
    }
    return new PersistedQueriesConfig(enabled, safelist, logUnknown, path, manifest);
  }

  /** The engine object. */
  public PersistedQueries toPersistedQueries() {
    return new PersistedQueries(enabled, safelist, logUnknown, manifest);
  }
}
