package dev.junction.composition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads {@code supergraph.yaml}: subgraph name, routing URL and SDL path (relative to it). */
public final class SupergraphConfig {

  private SupergraphConfig() {}

  /** Loads the subgraphs listed in a supergraph config file, reading each SDL file. */
  public static List<SubgraphSource> load(Path config) {
    try {
      Object root =
          new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(config));
      if (!(root instanceof Map<?, ?> map) || !(map.get("subgraphs") instanceof Map<?, ?> subs)) {
        throw new IllegalArgumentException(config + ": expected a top-level 'subgraphs' map");
      }
      List<SubgraphSource> sources = new ArrayList<>();
      Path dir = config.toAbsolutePath().getParent();
      for (Map.Entry<?, ?> e : subs.entrySet()) {
        if (!(e.getValue() instanceof Map<?, ?> sub)
            || !(sub.get("routing_url") instanceof String url)
            || !(sub.get("schema") instanceof String schema)) {
          throw new IllegalArgumentException(
              config + ": subgraph '" + e.getKey() + "' needs routing_url and schema");
        }
        sources.add(
            new SubgraphSource(
                String.valueOf(e.getKey()),
                url,
                Files.readString(dir.resolve(schema).normalize())));
      }
      return sources;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
