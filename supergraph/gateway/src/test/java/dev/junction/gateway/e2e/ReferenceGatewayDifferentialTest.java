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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every e2e case through Junction and through the reference gateway ({@code @apollo/gateway}
 * in Node), each against its own fresh fixture servers, and compares the two responses: HTTP
 * status, {@code data} (exact, key order included) and the errors' paths and codes (messages are
 * each gateway's own). A difference fails the case unless {@code e2e-known-differences.txt} lists
 * the case with exactly the aspects that differ; a listed case that no longer differs fails too, so
 * the file stays true. Skipped, saying why, when Node or the npm registry is not available.
 */
class ReferenceGatewayDifferentialTest {
  private static final Duration CASE_TIMEOUT = Duration.ofSeconds(20);
  private static ReferenceGateway reference;

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
  Stream<DynamicTest> cases() throws IOException {
    Map<String, KnownDifference> known = KnownDifference.load(E2ECase.root());
    return E2ECase.all().stream()
        .filter(c -> E2ECase.selected(c.name()))
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(), c.dir().toUri(), () -> compare(c, known.get(c.name()))));
  }

  @Test
  void knownDifferencesNameExistingCasesAndGiveReasons() throws IOException {
    Set<String> names = new TreeSet<>();
    E2ECase.all().forEach(c -> names.add(c.name()));
    for (KnownDifference d : KnownDifference.load(E2ECase.root()).values()) {
      assertThat(names).as("known difference of an unknown case").contains(d.caseName());
      assertThat(d.reason()).as("reason of " + d.caseName()).isNotBlank();
      assertThat(d.aspects()).as("aspects of " + d.caseName()).isNotEmpty();
      assertThat(Set.of("status", "data", "errors")).containsAll(d.aspects());
    }
  }

  private static void compare(E2ECase c, KnownDifference known) throws Exception {
    ReferenceGateway ref = reference();
    assumeTrue(ref.unavailable() == null, "reference gateway: " + ref.unavailable());
    GatewayResponse junction = junction(c);
    ReferenceGateway.Answer answer = reference(c, ref);
    Map<String, Object> ours = junction.toSpecification();
    Map<String, String> differences = new TreeMap<>();
    if (junction.httpStatus() != answer.status()) {
      differences.put(
          "status", "Junction " + junction.httpStatus() + ", reference " + answer.status());
    }
    String ourData = ours.containsKey("data") ? ResponseComparator.pretty(ours.get("data")) : "-";
    String refData =
        answer.body().containsKey("data")
            ? ResponseComparator.pretty(answer.body().get("data"))
            : "-";
    if (!ourData.equals(refData)) {
      differences.put("data", "--- Junction\n" + ourData + "\n--- reference\n" + refData);
    }
    List<String> ourErrors = errorSignatures(ours.get("errors"));
    List<String> refErrors = errorSignatures(answer.body().get("errors"));
    if (!ourErrors.equals(refErrors)) {
      differences.put("errors", "--- Junction\n" + ourErrors + "\n--- reference\n" + refErrors);
    }
    Set<String> aspects = differences.keySet();
    Set<String> expected = known == null ? Set.of() : known.aspects();
    if (!aspects.equals(expected)) {
      fail(
          "case %s: Junction and the reference gateway differ in %s (%s listed in"
              + " e2e-known-differences.txt)\n%s\n--- Junction's response\n%s\n--- reference's"
              + " response\n%s",
          c.name(),
          aspects,
          expected.isEmpty() ? "none" : expected,
          String.join("\n", differences.values()),
          ResponseComparator.pretty(ours),
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

  private static ReferenceGateway.Answer reference(E2ECase c, ReferenceGateway ref)
      throws Exception {
    List<FixtureServer> servers = c.startServers(new RequestLog());
    try {
      String supergraph = c.supergraph();
      for (FixtureServer s : servers) {
        supergraph =
            supergraph.replace("http://" + s.subgraph().name() + ".fixture/graphql", s.url());
      }
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("supergraph", supergraph);
      request.put("query", c.query());
      request.put("operationName", c.operationName());
      request.put("variables", c.variables());
      request.put("headers", c.headers());
      request.put("propagate", c.options().getOrDefault("propagateHeaders", List.of()));
      request.put("introspection", c.options().getOrDefault("introspection", true));
      return ref.execute(request, CASE_TIMEOUT.toSeconds() + 10);
    } finally {
      servers.forEach(FixtureServer::close);
    }
  }

  /** One line of {@code e2e-known-differences.txt}: {@code case | aspects | reason}. */
  record KnownDifference(String caseName, Set<String> aspects, String reason) {
    static Map<String, KnownDifference> load(Path e2eRoot) throws IOException {
      Path file = e2eRoot.resolveSibling("e2e-known-differences.txt");
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
          throw new IllegalStateException("e2e-known-differences.txt: bad line: " + line);
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
