package dev.junction.gateway.e2e;

import static org.assertj.core.api.Assertions.fail;

import dev.junction.gateway.Gateway;
import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.GatewayResponse;
import graphql.schema.GraphQLSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case under {@code src/test/resources/e2e/} through the real gateway engine against
 * fixture subgraphs served over HTTP: one dynamic test per case directory.
 *
 * <p>Run one case with {@code -Djunction.e2e.case=<name>}, several with {@code
 * -Djunction.e2e.case=a,b}.
 */
class GatewayE2ETest {
  private static final Duration CASE_TIMEOUT = Duration.ofSeconds(20);

  @TestFactory
  Stream<DynamicTest> cases() {
    return E2ECase.all().stream()
        .filter(c -> E2ECase.selected(c.name()))
        .map(c -> DynamicTest.dynamicTest(c.name(), c.dir().toUri(), () -> run(c)));
  }

  static void run(E2ECase c) throws Exception {
    RequestLog log = new RequestLog();
    List<FixtureServer> servers = c.startServers(log);
    try {
      Map<String, GraphQLSchema> schemas = new LinkedHashMap<>();
      for (FixtureServer server : servers) {
        schemas.put(server.subgraph().name(), server.subgraph().schema());
      }
      GatewayResponse response = execute(c, servers, Boolean.getBoolean("junction.e2e.plan"));
      if (response == null) {
        fail("case %s: the gateway completed without a response", c.name());
        return;
      }
      Map<String, Object> actual = response.toSpecification();
      List<String> problems = new ArrayList<>(ResponseComparator.compare(c.expected(), actual));
      if (c.requests() != null) {
        problems.addAll(RequestAssertions.check(c.requests(), schemas, log));
      }
      if (!problems.isEmpty()) {
        fail(
            "case %s failed:\n%s\n--- actual response\n%s\n--- subgraph requests\n%s",
            c.name(),
            String.join("\n", problems),
            ResponseComparator.pretty(actual),
            log.describe());
      }
    } finally {
      servers.forEach(FixtureServer::close);
    }
  }

  /**
   * Runs the case's request through a gateway whose subgraphs are {@code servers} (with the case's
   * options); null when the engine completed without a response.
   */
  static GatewayResponse execute(E2ECase c, List<FixtureServer> servers, boolean planInspection) {
    GatewayOptions.Builder options = GatewayOptions.builder();
    for (FixtureServer server : servers) {
      options.subgraphUrl(server.subgraph().name(), server.url());
    }
    applyOptions(c.options(), options);
    Map<String, List<String>> headers = new LinkedHashMap<>(c.headers());
    if (planInspection) {
      options.planInspection(true);
      headers.put("x-junction-plan", List.of("true"));
    }
    try (Gateway gateway = Gateway.create(c.supergraph(), options.build())) {
      return gateway
          .execute(
              new GatewayRequest(c.query(), c.operationName(), c.variables(), Map.of(), headers))
          .block(CASE_TIMEOUT);
    }
  }

  /**
   * {@code options.json}: {@code subgraphTimeoutMs}, {@code introspection} (boolean), {@code
   * propagateHeaders} (client header names copied to every subgraph request), {@code
   * includeSubgraphErrors} (boolean, default true here: the corpus checks how subgraph errors are
   * forwarded; false redacts them as the gateway does by default).
   */
  static void applyOptions(Map<String, Object> json, GatewayOptions.Builder options) {
    options.subgraphErrors(
        Boolean.FALSE.equals(json.get("includeSubgraphErrors"))
            ? dev.junction.gateway.execution.SubgraphErrorPolicy.REDACT_ALL
            : dev.junction.gateway.execution.SubgraphErrorPolicy.INCLUDE_ALL);
    if (json.get("subgraphTimeoutMs") instanceof Number ms) {
      options.subgraphTimeout(Duration.ofMillis(ms.longValue()));
    }
    if (json.get("introspection") instanceof Boolean b) {
      options.introspection(b);
    }
    if (json.get("propagateHeaders") instanceof List<?> names) {
      List<String> lower = names.stream().map(n -> String.valueOf(n).toLowerCase()).toList();
      options.headers(
          (subgraph, client) -> {
            Map<String, List<String>> out = new LinkedHashMap<>();
            lower.forEach(
                n -> {
                  if (client.containsKey(n)) {
                    out.put(n, client.get(n));
                  }
                });
            return out;
          });
    }
  }
}
