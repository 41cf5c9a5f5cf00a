package dev.junction.gateway.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One end-to-end case directory under {@code src/test/resources/e2e/} (the layout is described in
 * that directory's README.md).
 */
record E2ECase(
    String name,
    Path dir,
    String supergraph,
    Map<String, String> subgraphSdls,
    Map<String, Map<String, Object>> fixtures,
    String query,
    String operationName,
    Map<String, Object> variables,
    Map<String, List<String>> headers,
    Map<String, Object> options,
    Map<String, Object> expected,
    Map<String, Object> requests) {

  static final ObjectMapper JSON = new ObjectMapper();

  /** The directory holding the cases (test resources, read from the file system). */
  static Path root() {
    Path fromModule = Path.of("src", "test", "resources", "e2e");
    if (Files.isDirectory(fromModule)) {
      return fromModule;
    }
    return Path.of("supergraph", "gateway", "src", "test", "resources", "e2e");
  }

  /**
   * Whether {@code -Djunction.e2e.case} (one case name, or several separated by commas) selects it.
   */
  static boolean selected(String name) {
    String only = System.getProperty("junction.e2e.case");
    return only == null
        || only.isBlank()
        || java.util.Arrays.stream(only.split(",")).map(String::trim).anyMatch(name::equals);
  }

  static List<E2ECase> all() {
    try (Stream<Path> dirs = Files.list(root())) {
      return dirs.filter(d -> Files.isDirectory(d.resolve("subgraphs")))
          .sorted()
          .map(E2ECase::load)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static E2ECase load(Path dir) {
    try {
      Map<String, String> sdls = new TreeMap<>();
      try (Stream<Path> files = Files.list(dir.resolve("subgraphs"))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".graphql")).toList()) {
          String file = f.getFileName().toString();
          sdls.put(file.substring(0, file.length() - ".graphql".length()), Files.readString(f));
        }
      }
      Map<String, Map<String, Object>> fixtures = new TreeMap<>();
      for (String subgraph : sdls.keySet()) {
        Path f = dir.resolve("fixtures").resolve(subgraph + ".json");
        fixtures.put(subgraph, Files.exists(f) ? JSON.readValue(f.toFile(), Map.class) : Map.of());
      }
      Map<String, Object> request = readJson(dir.resolve("request.json"));
      Map<String, List<String>> headers = new LinkedHashMap<>();
      readJson(dir.resolve("headers.json"))
          .forEach(
              (k, v) ->
                  headers.put(
                      k.toLowerCase(Locale.ROOT),
                      v instanceof List<?> l
                          ? l.stream().map(String::valueOf).toList()
                          : List.of(String.valueOf(v))));
      return new E2ECase(
          dir.getFileName().toString(),
          dir,
          Files.readString(dir.resolve("supergraph.graphql")),
          sdls,
          fixtures,
          Files.readString(dir.resolve("query.graphql")),
          (String) request.get("operationName"),
          readJson(dir.resolve("variables.json")),
          headers,
          readJson(dir.resolve("options.json")),
          readJson(dir.resolve("expected.json")),
          Files.exists(dir.resolve("requests.json"))
              ? readJson(dir.resolve("requests.json"))
              : null);
    } catch (IOException e) {
      throw new UncheckedIOException("case " + dir, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readJson(Path file) throws IOException {
    if (!Files.exists(file)) {
      return new LinkedHashMap<>();
    }
    return JSON.readValue(file.toFile(), LinkedHashMap.class);
  }

  /** Starts one fixture server per subgraph; closes the started ones if one fails. */
  List<FixtureServer> startServers(RequestLog log) throws IOException {
    List<FixtureServer> servers = new ArrayList<>();
    try {
      for (Map.Entry<String, String> e : subgraphSdls.entrySet()) {
        FixtureSubgraph subgraph =
            new FixtureSubgraph(e.getKey(), e.getValue(), fixtures.get(e.getKey()));
        servers.add(FixtureServer.start(subgraph, log));
      }
      return servers;
    } catch (IOException | RuntimeException e) {
      servers.forEach(FixtureServer::close);
      throw e;
    }
  }
}
