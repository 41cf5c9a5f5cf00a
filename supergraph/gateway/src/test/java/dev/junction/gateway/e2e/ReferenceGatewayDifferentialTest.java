package dev.junction.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.junction.gateway.GatewayResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every e2e case through Junction and through each reference gateway ({@code @apollo/gateway}
 * and Hive Gateway, both in one Node process), each against its own fresh fixture servers, and
 * compares the responses: HTTP status, {@code data} (exact, key order included) and the errors'
 * paths and codes (messages are each gateway's own). A difference fails the case unless the
 * reference's reviewed file ({@code e2e-known-differences.txt} for Apollo, {@code
 * e2e-known-differences-hive.txt} for Hive) lists the case with exactly the aspects that differ; a
 * listed case that no longer differs fails too, so the files stay true. Skipped, saying why, when
 * Node or the npm registry is not available.
 */
class ReferenceGatewayDifferentialTest {
  private static final Duration CASE_TIMEOUT = Duration.ofSeconds(20);
  private static ReferenceGateway reference;

  /** Junction's response of each case, computed once for both references. */
  private static final Map<String, GatewayResponse> JUNCTION = new ConcurrentHashMap<>();

  /** A reference gateway: its name in the Node script and its file of reviewed differences. */
  enum Reference {
    APOLLO("apollo", "e2e-known-differences.txt"),
    HIVE("hive", "e2e-known-differences-hive.txt");

    final String gateway;
    final String file;

    Reference(String gateway, String file) {
      this.gateway = gateway;
      this.file = file;
    }
  }

  static synchronized ReferenceGateway reference() {
    if (reference == null) {
      reference = new ReferenceGateway();
    }
    return reference;
  }

  @AfterAll
  static void stop() {
    if (reference != null) {
      reference.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> apollo() throws IOException {
    return cases(Reference.APOLLO);
  }

  @TestFactory
  Stream<DynamicTest> hive() throws IOException {
    return cases(Reference.HIVE);
  }

  private static Stream<DynamicTest> cases(Reference ref) throws IOException {
    Map<String, KnownDifference> known = KnownDifference.load(E2ECase.root(), ref.file);
    return E2ECase.all().stream()
        .filter(c -> E2ECase.selected(c.name()))
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(), c.dir().toUri(), () -> compare(ref, c, known.get(c.name()))));
  }

  @Test
  void knownDifferencesNameExistingCasesAndGiveReasons() throws IOException {
    Set<String> names = new TreeSet<>();
    E2ECase.all().forEach(c -> names.add(c.name()));
    for (Reference ref : Reference.values()) {
      for (KnownDifference d : KnownDifference.load(E2ECase.root(), ref.file).values()) {
        assertThat(names)
            .as("known difference of an unknown case in " + ref.file)
            .contains(d.caseName());
        assertThat(d.reason()).as("reason of " + d.caseName() + " in " + ref.file).isNotBlank();
        assertThat(d.aspects()).as("aspects of " + d.caseName() + " in " + ref.file).isNotEmpty();
        assertThat(Set.of("status", "data", "errors")).containsAll(d.aspects());
      }
    }
  }

  private static void compare(Reference which, E2ECase c, KnownDifference known) throws Exception {
    ReferenceGateway ref = reference();
    assumeTrue(ref.unavailable() == null, "reference gateway: " + ref.unavailable());
    GatewayResponse junction = JUNCTION.get(c.name());
    if (junction == null) {
      junction = junction(c);
      JUNCTION.put(c.name(), junction);
    }
    ReferenceGateway.Answer answer = reference(which, c, ref);
    Map<String, Object> ours = junction.toSpecification();
    Map<String, String> differences = new TreeMap<>();
    if (junction.httpStatus() != answer.status()) {
      differences.put(
          "status",
          "Junction " + junction.httpStatus() + ", " + which.gateway + " " + answer.status());
    }
    String ourData = ours.containsKey("data") ? ResponseComparator.pretty(ours.get("data")) : "-";
    String refData =
        answer.body().containsKey("data")
            ? ResponseComparator.pretty(answer.body().get("data"))
            : "-";
    if (!ourData.equals(refData)) {
      differences.put(
          "data", "--- Junction\n" + ourData + "\n--- " + which.gateway + "\n" + refData);
    }
    List<String> ourErrors = errorSignatures(ours.get("errors"));
    List<String> refErrors = errorSignatures(answer.body().get("errors"));
    if (!ourErrors.equals(refErrors)) {
      differences.put(
          "errors", "--- Junction\n" + ourErrors + "\n--- " + which.gateway + "\n" + refErrors);
    }
    Set<String> aspects = differences.keySet();
    Set<String> expected = known == null ? Set.of() : known.aspects();
    if (!aspects.equals(expected)) {
      fail(
          "case %s: Junction and the %s reference gateway differ in %s (%s listed in %s)\n%s\n"
              + "--- Junction's response\n%s\n--- %s's response\n%s",
          c.name(),
          which.gateway,
          aspects,
          expected.isEmpty() ? "none" : expected,
          which.file,
          String.join("\n", differences.values()),
          ResponseComparator.pretty(ours),
          which.gateway,
          ResponseComparator.pretty(answer.body()));
    }
  }

  /** Each error as its path and code, sorted (order and messages are not compared). */
  @SuppressWarnings("unchecked")
  static List<String> errorSignatures(Object errors) {
    if (!(errors instanceof List<?> list)) {
      return List.of();
    }
    return list.stream()
        .map(
            e -> {
              Map<String, Object> error = (Map<String, Object>) e;
              Object code =
                  error.get("extensions") instanceof Map<?, ?> ext ? ext.get("code") : null;
              return "path=" + error.get("path") + " code=" + code;
            })
        .sorted()
        .toList();
  }

  private static GatewayResponse junction(E2ECase c) throws Exception {
    List<FixtureServer> servers = c.startServers(new RequestLog());
    try {
      GatewayResponse response = GatewayE2ETest.execute(c, servers, false);
      assertThat(response).as("Junction's response").isNotNull();
      return response;
    } finally {
      servers.forEach(FixtureServer::close);
    }
  }

  private static ReferenceGateway.Answer reference(Reference which, E2ECase c, ReferenceGateway ref)
      throws Exception {
    List<FixtureServer> servers = c.startServers(new RequestLog());
    try {
      String supergraph = c.supergraph();
      for (FixtureServer s : servers) {
        supergraph =
            supergraph.replace("http://" + s.subgraph().name() + ".fixture/graphql", s.url());
      }
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("gateway", which.gateway);
      request.put("supergraph", supergraph);
      request.put("query", c.query());
      request.put("operationName", c.operationName());
      request.put("variables", c.variables());
      request.put("headers", c.headers());
      request.put("propagate", c.options().getOrDefault("propagateHeaders", List.of()));
      request.put("introspection", c.options().getOrDefault("introspection", true));
      request.put("subgraphTimeoutMs", c.options().get("subgraphTimeoutMs"));
      return ref.execute(request, CASE_TIMEOUT.toSeconds() + 10);
    } finally {
      servers.forEach(FixtureServer::close);
    }
  }

  /** One line of a known-differences file: {@code case | aspects | reason}. */
  record KnownDifference(String caseName, Set<String> aspects, String reason) {
    static Map<String, KnownDifference> load(Path e2eRoot, String name) throws IOException {
      Path file = e2eRoot.resolveSibling(name);
      Map<String, KnownDifference> known = new TreeMap<>();
      if (!Files.exists(file)) {
        return known;
      }
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\\|", 3);
        if (parts.length < 3) {
          throw new IllegalStateException(name + ": bad line: " + line);
        }
        Set<String> aspects = new TreeSet<>();
        for (String a : parts[1].split(",")) {
          if (!a.isBlank()) {
            aspects.add(a.trim());
          }
        }
        known.put(parts[0].trim(), new KnownDifference(parts[0].trim(), aspects, parts[2].trim()));
      }
      return known;
    }
  }
}
