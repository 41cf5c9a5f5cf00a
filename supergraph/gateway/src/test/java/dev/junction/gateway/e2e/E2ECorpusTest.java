package dev.junction.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.parser.Parser;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Always-on checks of the e2e corpus itself, independent of the gateway engine: every case loads,
 * its fixture subgraphs start and answer over HTTP, its fixtures only name types and fields the
 * subgraph has, its supergraph was composed from its subgraphs, and its query parses.
 */
class E2ECorpusTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern JOIN_GRAPH = Pattern.compile("@join__graph\\(name: \"([^\"]+)\"");

  @Test
  void corpusHasEnoughCases() {
    assertThat(E2ECase.all().stream().map(E2ECase::name).toList()).hasSizeGreaterThanOrEqualTo(60);
  }

  @TestFactory
  Stream<DynamicTest> cases() {
    return E2ECase.all().stream()
        .map(c -> DynamicTest.dynamicTest(c.name(), c.dir().toUri(), () -> check(c)));
  }

  private static void check(E2ECase c) throws Exception {
    Matcher m = JOIN_GRAPH.matcher(c.supergraph());
    List<String> graphs = m.results().map(r -> r.group(1)).sorted().toList();
    assertThat(graphs)
        .as("supergraph.graphql subgraphs (recompose with e2e-tools/compose.mjs)")
        .containsExactlyElementsOf(c.subgraphSdls().keySet());
    boolean parseFailure = c.expected().toString().contains("GRAPHQL_PARSE_FAILED");
    if (!parseFailure) {
      Parser.parse(c.query());
    }
    assertThat(c.expected().containsKey("data") || c.expected().containsKey("errors"))
        .as("expected.json has data or errors")
        .isTrue();
    if (c.requests() != null && c.requests().get("subgraphs") instanceof Map<?, ?> s) {
      assertThat(c.subgraphSdls().keySet()).containsAll(keys(s));
    }
    checkAgainstApiSchema(c);
    RequestLog log = new RequestLog();
    List<FixtureServer> servers = c.startServers(log);
    try {
      for (FixtureServer server : servers) {
        checkFixtureNames(server.subgraph(), c.fixtures().get(server.subgraph().name()));
        if (Boolean.TRUE.equals(server.subgraph().http().get("refuse"))
            || server.subgraph().http().containsKey("status")
            || server.subgraph().http().containsKey("body")
            || server.subgraph().http().containsKey("delayMs")) {
          continue;
        }
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(server.url()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{_service{sdl}}\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"sdl\"").doesNotContain("\"errors\"");
      }
      checkExpectedRepresentationsResolve(c, servers);
      if (c.subgraphSdls().size() == 1 && !servers.isEmpty()) {
        checkAgainstSingleSubgraph(c, servers.get(0));
      }
    } finally {
      servers.forEach(FixtureServer::close);
    }
  }

  private static List<String> keys(Map<?, ?> map) {
    return map.keySet().stream().map(String::valueOf).toList();
  }

  /**
   * The query must be rejected (parse, validation or variable coercion) exactly when {@code
   * expected.json} has no {@code data}; a case that calls no subgraph must get its whole expected
   * response from the API schema alone.
   */
  private static void checkAgainstApiSchema(E2ECase c) {
    Map<String, Object> result =
        new ApiSchemaOracle(c.supergraph()).execute(c.query(), c.variables(), c.operationName());
    boolean requestError = !c.expected().containsKey("data");
    assertThat(!result.containsKey("data"))
        .as("query rejected by the API schema (%s) vs expected.json without data", result)
        .isEqualTo(requestError);
    if (!requestError
        && !planningFails(c)
        && c.requests() != null
        && c.requests().get("totalRequests") instanceof Number n
        && n.intValue() == 0) {
      assertThat(ResponseComparator.compare(c.expected(), result))
          .as("expected.json vs the API schema's own answer")
          .isEmpty();
    }
  }

  /**
   * A valid query that the supergraph cannot serve: the expected answer is one {@code
   * QUERY_PLANNING_FAILED} error and null data.
   */
  private static boolean planningFails(E2ECase c) {
    return c.expected().containsKey("data")
        && c.expected().get("data") == null
        && c.expected().get("errors") instanceof List<?> errors
        && errors.size() == 1
        && errors.get(0) instanceof Map<?, ?> e
        && e.get("extensions") instanceof Map<?, ?> ext
        && "QUERY_PLANNING_FAILED".equals(ext.get("code"));
  }

  /**
   * Every representation requests.json expects a subgraph to receive must resolve to an entity of
   * that subgraph's fixture (catches key typos between fixtures and expectations).
   */
  @SuppressWarnings("unchecked")
  private static void checkExpectedRepresentationsResolve(E2ECase c, List<FixtureServer> servers) {
    if (c.requests() == null || !(c.requests().get("subgraphs") instanceof Map<?, ?> subgraphs)) {
      return;
    }
    for (FixtureServer server : servers) {
      if (!(subgraphs.get(server.subgraph().name()) instanceof Map<?, ?> spec)
          || !(spec.get("requests") instanceof List<?> requests)) {
        continue;
      }
      for (Object r : requests) {
        if (((Map<String, Object>) r).get("representations") instanceof List<?> reps) {
          Map<String, Object> result =
              server
                  .subgraph()
                  .execute(
                      "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }",
                      Map.of("r", reps),
                      null);
          assertThat(result)
              .as("%s resolves %s", server.subgraph().name(), reps)
              .doesNotContainKey("errors");
          List<Object> entities =
              (List<Object>) ((Map<String, Object>) result.get("data")).get("_entities");
          assertThat(entities)
              .as("%s resolves %s", server.subgraph().name(), reps)
              .doesNotContainNull();
        }
      }
    }
  }

  /** Root fixture keys must be fields of the root types, entity lists must name known types. */
  private static void checkFixtureNames(FixtureSubgraph subgraph, Map<String, Object> fixture) {
    GraphQLSchema schema = subgraph.schema();
    for (String key : fixture.keySet()) {
      assertThat(key)
          .as(subgraph.name() + " fixture top-level key")
          .isIn("Query", "Mutation", "entities", "http");
      if (key.equals("Query") || key.equals("Mutation")) {
        GraphQLObjectType root =
            key.equals("Query") ? schema.getQueryType() : schema.getMutationType();
        assertThat(root).as(subgraph.name() + " has a " + key + " type").isNotNull();
        assertThat(keys((Map<?, ?>) fixture.get(key)))
            .as(subgraph.name() + " " + key + " fixture fields")
            .allSatisfy(f -> assertThat(root.getFieldDefinition(f)).as(f).isNotNull());
      }
      if (key.equals("entities")) {
        for (String type : keys((Map<?, ?>) fixture.get(key))) {
          assertThat(schema.getType(type))
              .as(subgraph.name() + " entity type " + type)
              .isInstanceOf(GraphQLFieldsContainer.class);
        }
      }
    }
  }

  /**
   * A one-subgraph case without request errors must give the same data when its query runs directly
   * on the subgraph (the subgraph schema is then a superset of the API schema).
   */
  private static void checkAgainstSingleSubgraph(E2ECase c, FixtureServer server) {
    if (!c.expected().containsKey("data")
        || c.expected().containsKey("errors")
        || c.query().contains("__schema")
        || c.query().contains("__type")
        || !server.subgraph().http().isEmpty()) {
      return;
    }
    Map<String, Object> direct =
        server.subgraph().execute(c.query(), c.variables(), c.operationName());
    assertThat(ResponseComparator.compare(c.expected(), direct))
        .as("the case run directly on its only subgraph")
        .isEmpty();
  }
}
