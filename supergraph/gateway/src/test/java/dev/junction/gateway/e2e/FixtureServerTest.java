package dev.junction.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Direct queries against fixture servers: root fields, entities, errors, failure modes. */
class FixtureServerTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static final String FED2 =
      """
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
        import: ["@key", "@external", "@requires", "@shareable"])
      type Query {
        products: [Product!]!
        product(upc: ID!): Product
        search(term: String, limit: Int = 10): [Result!]!
        boom: String
      }
      union Result = Product | Account
      type Product @key(fields: "upc") @key(fields: "sku org { id }") {
        upc: ID!
        sku: String!
        org: Org!
        name: String
        weight: Int @external
        shipping: String @requires(fields: "weight")
        price: Int!
      }
      type Org @shareable { id: ID! }
      type Account @key(fields: "id") { id: ID! name: String }
      interface Media @key(fields: "id") { id: ID! title: String }
      type Book implements Media @key(fields: "id") { id: ID! title: String pages: Int }
      """;

  private static final String FIXTURE =
      """
      {
        "Query": {
          "products": [{"__typename": "Product", "upc": "1", "name": "Table", "price": 10}],
          "product": {"$byArgs": [
            {"args": {"upc": "1"}, "value": {"upc": "1", "name": "Table", "price": 10}},
            {"value": null}
          ]},
          "search": {"$byArgs": [{"args": {"term": "t", "limit": 10}, "value": [
            {"__typename": "Product", "upc": "1", "name": "Table"},
            {"__typename": "Account", "id": "a1", "name": "Ada"}
          ]}]},
          "boom": {"$error": {"message": "boom!", "extensions": {"code": "BOOM"}}}
        },
        "entities": {
          "Product": [
            {"upc": "1", "sku": "S1", "org": {"id": "o1"}, "name": "Table", "price": 10,
             "shipping": {"$format": "{rep.weight}kg"}},
            {"upc": "2", "sku": "S2", "org": {"id": "o2"}, "name": "Chair", "price": null},
            {"upc": "3", "$entityError": {"message": "gone", "extensions": {"code": "GONE"}}}
          ],
          "Book": [{"id": "b1", "title": "Dune", "pages": 412}]
        }
      }
      """;

  private final List<FixtureServer> servers = new ArrayList<>();

  @AfterEach
  void close() {
    servers.forEach(FixtureServer::close);
  }

  private FixtureServer serve(String name, String sdl, String fixtureJson, RequestLog log)
      throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> fixture = E2ECase.JSON.readValue(fixtureJson, Map.class);
    FixtureServer server = FixtureServer.start(new FixtureSubgraph(name, sdl, fixture), log);
    servers.add(server);
    return server;
  }

  private static HttpResponse<String> post(String url, String query, Map<String, Object> variables)
      throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", query);
    body.put("variables", variables);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("X-Trace", "t1")
            .POST(HttpRequest.BodyPublishers.ofString(E2ECase.JSON.writeValueAsString(body)))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(HttpResponse<String> response) throws IOException {
    return E2ECase.JSON.readValue(response.body(), LinkedHashMap.class);
  }

  @Test
  void answersRootFieldsByArgumentsAndResolvesAbstractTypes() throws Exception {
    RequestLog log = new RequestLog();
    FixtureServer server = serve("products", FED2, FIXTURE, log);
    var response =
        post(
            server.url(),
            "query($u: ID!) { product(upc: $u) { name } other: product(upc: \"9\") { name }"
                + " search(term: \"t\") { __typename ... on Account { name } } }",
            Map.of("u", "1"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"data\":{\"product\":{\"name\":\"Table\"},\"other\":null,\"search\":"
                + "[{\"__typename\":\"Product\"},{\"__typename\":\"Account\",\"name\":\"Ada\"}]}}");
    assertThat(log.entries()).hasSize(1);
    assertThat(log.entries().get(0).variables).isEqualTo(Map.of("u", "1"));
    assertThat(log.entries().get(0).headers.get("x-trace")).containsExactly("t1");
    assertThat(log.entries().get(0).completedNanos).isPositive();
  }

  @Test
  void fieldErrorsCarryPathMessageAndExtensions() throws Exception {
    FixtureServer server = serve("products", FED2, FIXTURE, new RequestLog());
    Map<String, Object> body = json(post(server.url(), "{ boom products { upc } }", Map.of()));
    assertThat(E2ECase.JSON.writeValueAsString(body.get("data")))
        .isEqualTo("{\"boom\":null,\"products\":[{\"upc\":\"1\"}]}");
    @SuppressWarnings("unchecked")
    Map<String, Object> error = ((List<Map<String, Object>>) body.get("errors")).get(0);
    assertThat(error)
        .containsEntry("message", "boom!")
        .containsEntry("path", List.of("boom"))
        .extractingByKey("extensions")
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("code", "BOOM");
  }

  @Test
  void resolvesEntitiesByAnyKeyWithRequiresAndErrors() throws Exception {
    FixtureServer server = serve("products", FED2, FIXTURE, new RequestLog());
    String query =
        "query($r: [_Any!]!) { _entities(representations: $r) {"
            + " ... on Product { name shipping price } ... on Book { title } } }";
    List<Object> reps =
        List.of(
            Map.of("__typename", "Product", "upc", "1", "weight", 3),
            Map.of("__typename", "Product", "sku", "S1", "org", Map.of("id", "o1"), "weight", 5),
            Map.of("__typename", "Product", "upc", "404"),
            Map.of("__typename", "Product", "upc", "3"),
            Map.of("__typename", "Media", "id", "b1"));
    Map<String, Object> body = json(post(server.url(), query, Map.of("r", reps)));
    assertThat(ResponseComparator.pretty(body.get("data")))
        .isEqualTo(
            ResponseComparator.pretty(
                E2ECase.JSON.readValue(
                    """
                    {"_entities": [
                      {"name": "Table", "shipping": "3kg", "price": 10},
                      {"name": "Table", "shipping": "5kg", "price": 10},
                      null, null, {"title": "Dune"}]}
                    """,
                    Map.class)));
    assertThat(ResponseComparator.pretty(body.get("errors"))).contains("gone", "_entities");
  }

  @Test
  void missingRequiredFieldAndNonNullViolationBecomeErrors() throws Exception {
    FixtureServer server = serve("products", FED2, FIXTURE, new RequestLog());
    String query =
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { shipping } } }";
    Map<String, Object> body =
        json(
            post(
                server.url(),
                query,
                Map.of("r", List.of(Map.of("__typename", "Product", "upc", "1")))));
    assertThat(ResponseComparator.pretty(body)).contains("no value for {rep.weight}", "shipping");
    String price =
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { price } } }";
    Map<String, Object> nonNull =
        json(
            post(
                server.url(),
                price,
                Map.of("r", List.of(Map.of("__typename", "Product", "upc", "2")))));
    assertThat(nonNull.get("data"))
        .isEqualTo(Map.of("_entities", java.util.Collections.singletonList(null)));
    assertThat(nonNull.get("errors")).asList().hasSize(1);
  }

  @Test
  void servesServiceSdlAndFederation1TypeExtensions() throws Exception {
    String fed1 =
        """
        extend type Query { me: User }
        type User @key(fields: "id") { id: ID! name: String }
        extend type Product @key(fields: "upc") { upc: String! @external reviews: [String] }
        """;
    String fixture =
        """
        {"Query": {"me": {"id": "u1", "name": "Ada"}},
         "entities": {"Product": [{"upc": "1", "reviews": ["great"]}]}}
        """;
    FixtureServer server = serve("reviews", fed1, fixture, new RequestLog());
    Map<String, Object> body =
        json(
            post(
                server.url(),
                "query($r: [_Any!]!) { me { name } _service { sdl }"
                    + " _entities(representations: $r) { ... on Product { reviews } } }",
                Map.of("r", List.of(Map.of("__typename", "Product", "upc", "1")))));
    assertThat(body).doesNotContainKey("errors");
    assertThat(ResponseComparator.pretty(body)).contains("\"Ada\"", "great", "@key");
  }

  @Test
  void sequencesAdvancePerCall() throws Exception {
    String sdl = "type Query { a: Int } type Mutation { next: Int }";
    FixtureServer server =
        serve(
            "counter",
            sdl,
            "{\"Mutation\": {\"next\": {\"$sequence\": [1, 2]}}}",
            new RequestLog());
    assertThat(post(server.url(), "mutation { a: next b: next c: next }", Map.of()).body())
        .isEqualTo("{\"data\":{\"a\":1,\"b\":2,\"c\":2}}");
  }

  @Test
  void failureModes() throws Exception {
    String sdl = "type Query { a: Int }";
    String fixture = "{\"Query\": {\"a\": 1}, \"http\": %s}";
    RequestLog log = new RequestLog();
    var status500 =
        post(serve("s", sdl, fixture.formatted("{\"status\": 500}"), log).url(), "{a}", Map.of());
    assertThat(status500.statusCode()).isEqualTo(500);
    var notJson =
        post(
            serve("j", sdl, fixture.formatted("{\"body\": \"<html>oops\"}"), log).url(),
            "{a}",
            Map.of());
    assertThat(notJson.statusCode()).isEqualTo(200);
    assertThat(notJson.body()).isEqualTo("<html>oops");
    FixtureServer onlyEntities =
        serve(
            "e",
            sdl,
            fixture.formatted("{\"status\": 503, \"whenQueryContains\": \"_entities\"}"),
            log);
    assertThat(post(onlyEntities.url(), "{a}", Map.of()).body()).isEqualTo("{\"data\":{\"a\":1}}");
    long start = System.nanoTime();
    var delayed =
        post(serve("d", sdl, fixture.formatted("{\"delayMs\": 300}"), log).url(), "{a}", Map.of());
    assertThat(delayed.body()).isEqualTo("{\"data\":{\"a\":1}}");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    String refused = serve("r", sdl, fixture.formatted("{\"refuse\": true}"), log).url();
    assertThatThrownBy(() -> post(refused, "{a}", Map.of())).isInstanceOf(IOException.class);
    assertThat(log.entries()).extracting(e -> e.subgraph).containsExactly("s", "j", "e", "d");
  }
}
