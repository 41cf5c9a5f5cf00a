package dev.junction.gateway.http;

import static dev.junction.gateway.http.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.gateway.Gateway;
import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.config.CorsConfig;
import dev.junction.gateway.config.ServerConfig;
import dev.junction.gateway.execution.cost.DemandControlConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile requests against the real gateway over HTTP: deep, wide, aliased, cyclic and exponential
 * operations, oversized documents, malformed bodies and variables. Each gets a 4xx GraphQL error
 * with a code and no internals, no subgraph is called, and the gateway stays up.
 */
class AttackCorpusHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger SUBGRAPH_CALLS = new AtomicInteger();
  private static StubSubgraph stub;
  private static Gateway gateway;
  private static GatewayHttpServer server;
  private static HttpTestClient http;

  /** One hostile request: a raw POST body and what must come back. */
  record Attack(String name, String body, int status, String code) {}

  @BeforeAll
  static void start() throws IOException {
    stub =
        StubSubgraph.start(
            "{\"data\":{\"product\":{\"name\":\"Lamp\"}}}",
            exchange -> SUBGRAPH_CALLS.incrementAndGet());
    String sdl = Files.readString(Path.of("../supergraph.graphql"));
    // demand control as an operator of this graph would tighten it (max_cost 1000: twice the
    // README's heaviest operation), so that small documents with costly answers are refused
    GatewayOptions.Builder options =
        stub.routeAll(
            sdl,
            GatewayOptions.builder()
                .demandControl(
                    new DemandControlConfig(
                        true,
                        DemandControlConfig.Mode.ENFORCE,
                        1000,
                        DemandControlConfig.DEFAULT_LIST_SIZE,
                        DemandControlConfig.Expose.ON_REQUEST)));
    gateway = Gateway.create(sdl, options.build());
    server =
        new GatewayHttpServer(
                gateway::execute,
                new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_REQUEST_BYTES, false),
                CorsConfig.disabled())
            .start();
    http = new HttpTestClient(server.port());
  }

  @AfterAll
  static void stop() {
    server.shutdown(Duration.ofSeconds(1));
    gateway.close();
    stub.close();
  }

  private static String query(String document) {
    try {
      return JSON.writeValueAsString(Map.of("query", document));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String withVariables(String document, String variablesJson) {
    return "{\"query\":" + JSON.valueToTree(document) + ",\"variables\":" + variablesJson + "}";
  }

  private static String product(String selection) {
    return "{ product(id: \"prod-001\") { " + selection + " } }";
  }

  private static String doubling(String head, String type, int n, String body, String leaf) {
    StringBuilder out = new StringBuilder(head).append('\n');
    for (int i = 0; i < n; i++) {
      String next = "F" + (i + 1);
      out.append("fragment F").append(i).append(" on ").append(type).append(" { ");
      out.append(body.replace("NEXT", next)).append(" }\n");
    }
    return out.append("fragment F")
        .append(n)
        .append(" on ")
        .append(type)
        .append(" { ")
        .append(leaf)
        .append(" }")
        .toString();
  }

  static List<Attack> corpus() {
    List<Attack> out = new ArrayList<>();
    String height = "MAX_HEIGHT_EXCEEDED";
    for (int n : new int[] {10, 15, 20, 25, 30, 40}) {
      out.add(
          new Attack(
              "doubling on Product 2^" + n,
              query(doubling(product("...F0"), "Product", n, "...NEXT ...NEXT", "name")),
              400,
              height));
      out.add(
          new Attack(
              "doubling on Query 2^" + n,
              query(doubling("{ ...F0 }", "Query", n, "...NEXT ...NEXT", "warehouses { id }")),
              400,
              height));
      out.add(
          new Attack(
              "inline fragments 2^" + n,
              query(
                  doubling(
                      product("...F0"),
                      "Product",
                      n,
                      "... on Product { ...NEXT } ... { ...NEXT }",
                      "name")),
              400,
              height));
      out.add(
          new Attack(
              "aliases 2^" + n,
              query(doubling(product("...F0"), "Product", n, "a: name ...NEXT ...NEXT", "name")),
              400,
              height));
      out.add(
          new Attack(
              "tripling 3^" + n,
              query(doubling(product("...F0"), "Product", n, "...NEXT ...NEXT ...NEXT", "name")),
              400,
              height));
    }
    out.add(
        new Attack(
            "deep nesting",
            query("{ " + "a { ".repeat(120) + "b" + " }".repeat(120) + " }"),
            400,
            "MAX_DEPTH_EXCEEDED"));
    out.add(
        new Attack(
            "deep introspection",
            query(
                "{ __type(name: \"Query\") { "
                    + "ofType { ".repeat(110)
                    + "name"
                    + " }".repeat(110)
                    + " } }"),
            400,
            "MAX_DEPTH_EXCEEDED"));
    out.add(new Attack("wide", query(product("name ".repeat(1001))), 400, height));
    out.add(
        new Attack(
            "wide through a fragment",
            query(product("...A ...A") + " fragment A on Product { " + "name ".repeat(600) + "}"),
            400,
            height));
    out.add(
        new Attack("aliased", query(product("n: name ".repeat(201))), 400, "MAX_ALIASES_EXCEEDED"));
    StringBuilder aliases = new StringBuilder();
    for (int i = 0; i < 201; i++) {
      aliases.append("a").append(i).append(": name ");
    }
    out.add(
        new Attack(
            "distinct aliases", query(product(aliases.toString())), 400, "MAX_ALIASES_EXCEEDED"));
    out.add(
        new Attack(
            "root fields",
            query("{ " + "warehouses { id } ".repeat(101) + "}"),
            400,
            "MAX_ROOT_FIELDS_EXCEEDED"));
    out.add(
        new Attack(
            "root fields through fragments",
            query(
                "{ ...R ...R }"
                    + " fragment R on Query { "
                    + "warehouses { id } ".repeat(51)
                    + "}"),
            400,
            "MAX_ROOT_FIELDS_EXCEEDED"));
    out.add(
        new Attack(
            "directives",
            query(product("name " + "@include(if: true) ".repeat(201))),
            400,
            "MAX_DIRECTIVES_EXCEEDED"));
    out.add(
        new Attack(
            "self cycle",
            query(product("...A") + " fragment A on Product { ...A }"),
            400,
            "FRAGMENT_CYCLE"));
    out.add(
        new Attack(
            "two-fragment cycle",
            query(
                product("...A")
                    + " fragment A on Product { name ...B } fragment B on Product { ...A }"),
            400,
            "FRAGMENT_CYCLE"));
    out.add(
        new Attack(
            "cycle through inline fragments",
            query(
                product("...A")
                    + " fragment A on Product { ... on Product { ...B } } fragment B on Product { ... { ...A } }"),
            400,
            "FRAGMENT_CYCLE"));
    out.add(
        new Attack(
            "cycle in an unused fragment",
            query(
                product("name") + " fragment A on Product { ...B } fragment B on Product { ...A }"),
            400,
            "GRAPHQL_VALIDATION_FAILED"));
    out.add(
        new Attack(
            "three-fragment cycle",
            query(
                product("...A")
                    + " fragment A on Product { ...B } fragment B on Product { ...C }"
                    + " fragment C on Product { name ...A }"),
            400,
            "FRAGMENT_CYCLE"));
    out.add(
        new Attack(
            "depth through fragments",
            query(
                doubling(
                    "{ __type(name: \"Query\") { ...F0 } }",
                    "__Type",
                    110,
                    "ofType { ...NEXT }",
                    "name")),
            400,
            "MAX_DEPTH_EXCEEDED"));
    out.add(
        new Attack(
            "doubling on introspection types",
            query(
                doubling(
                    "{ __schema { types { ...F0 } } }", "__Type", 30, "...NEXT ...NEXT", "name")),
            400,
            height));
    out.add(new Attack("fragment chain of 600", query(chain(600)), 400, "MAX_RECURSION_EXCEEDED"));
    out.add(
        new Attack(
            "100k tokens", query(product("name ".repeat(100_000))), 400, "MAX_TOKENS_EXCEEDED"));
    out.add(
        new Attack(
            "100k tokens of punctuation",
            query("{ " + "__typename ".repeat(50_000) + "}"),
            400,
            "MAX_TOKENS_EXCEEDED"));
    out.add(
        new Attack(
            "parser recursion",
            query("{ " + "a { ".repeat(600) + "b" + " }".repeat(600) + " }"),
            400,
            "MAX_RECURSION_EXCEEDED"));
    out.add(
        new Attack(
            "nested list argument",
            query("{ product(id: " + "[".repeat(600) + "1" + "]".repeat(600) + ") { name } }"),
            400,
            "MAX_RECURSION_EXCEEDED"));
    out.add(
        new Attack(
            "unknown fragment", query(product("...Nope")), 400, "GRAPHQL_VALIDATION_FAILED"));
    out.add(new Attack("syntax error", query("{ product(id: "), 400, "GRAPHQL_PARSE_FAILED"));
    for (String[] wrong :
        new String[][] {
          {"list for ID", "[[1]]"},
          {"object for ID", "{\"x\": 1}"},
          {"float for ID", "1.5"},
          {"boolean for ID", "true"}
        }) {
      out.add(
          new Attack(
              "variable: " + wrong[0],
              withVariables(
                  "query Q($id: ID!) { product(id: $id) { name } }", "{\"id\": " + wrong[1] + "}"),
              400,
              "BAD_USER_INPUT"));
    }
    out.add(
        new Attack(
            "missing required variable",
            withVariables("query Q($id: ID!) { product(id: $id) { name } }", "{}"),
            400,
            "BAD_USER_INPUT"));
    out.add(
        new Attack(
            "variables not an object",
            withVariables("query Q($id: ID!) { product(id: $id) { name } }", "[1]"),
            400,
            "BAD_REQUEST"));
    out.add(
        new Attack(
            "deeply nested variables JSON",
            withVariables(
                "query Q($id: ID!) { product(id: $id) { name } }",
                "{\"id\":" + "[".repeat(5000) + "]".repeat(5000) + "}"),
            400,
            "BAD_REQUEST"));
    out.add(
        new Attack(
            "many unused variables",
            withVariables(
                "query Q($id: ID!) { product(id: $id) { ...F0 } }\n"
                    + doubling("", "Product", 30, "...NEXT ...NEXT", "name").strip(),
                "{\"id\":\"1\",\"x\":[" + "1,".repeat(100_000) + "1]}"),
            400,
            height));
    // Demand control (max_cost 1000, lists of 10): small documents, costly answers.
    String tooExpensive = "COST_ESTIMATED_TOO_EXPENSIVE";
    String stockPage = "edges { node { stock { byWarehouse { warehouse { id } } } } }";
    out.add(
        new Attack(
            "cost: nested connections (23231)",
            query(
                "{ customers { edges { node { orders { edges { node { lines { product { "
                    + "stock { byWarehouse { warehouse { id } } } } } } } } } } } }"),
            400,
            tooExpensive));
    out.add(
        new Attack(
            "cost: nested connections through inline fragments",
            query(
                "{ customers { edges { node { ... on Customer { orders { edges { node { lines {"
                    + " ... { product { stock { byWarehouse { warehouse { id } } } } } } } } } } }"
                    + " } } }"),
            400,
            tooExpensive));
    StringBuilder pages = new StringBuilder("{ ");
    for (int i = 0; i < 5; i++) {
      pages.append("p").append(i).append(": products { ").append(stockPage).append(" } ");
    }
    out.add(new Attack("cost: five aliased pages (1155)", query(pages + "}"), 400, tooExpensive));
    out.add(
        new Attack(
            "cost: one fragment spread five times (1151)",
            query(
                "{ products { ...P ...P ...P ...P ...P } } fragment P on ProductConnection { "
                    + stockPage
                    + " }"),
            400,
            tooExpensive));
    out.add(
        new Attack(
            "cost: doubling fragments 2^6 over a list, under the height limit (1281)",
            query(
                doubling(
                    "{ products { ...F0 } }",
                    "ProductConnection",
                    6,
                    "...NEXT ...NEXT",
                    "edges { node { id } }")),
            400,
            tooExpensive));
    out.add(new Attack("batch", "[" + query("{ warehouses { id } }") + "]", 400, "BAD_REQUEST"));
    out.add(new Attack("malformed JSON", "{\"query\":", 400, "BAD_REQUEST"));
    out.add(new Attack("no query", "{}", 400, null));
    out.add(new Attack("subscription", query("subscription { warehouses { id } }"), 400, null));
    out.add(
        new Attack("body over 2 MB", query(product("name " + "#".repeat(2_200_000))), 413, null));
    return out;
  }

  private static String chain(int n) {
    StringBuilder out = new StringBuilder(product("...F0")).append('\n');
    for (int i = 0; i < n; i++) {
      out.append("fragment F").append(i).append(" on Product { ...F").append(i + 1).append(" }\n");
    }
    return out.append("fragment F").append(n).append(" on Product { name }").toString();
  }

  @Test
  void everyAttackGetsAClear4xxWithACodeAndNoSubgraphIsCalled() {
    List<Attack> corpus = corpus();
    assertThat(corpus.size()).isGreaterThanOrEqualTo(60);
    List<String> problems = new ArrayList<>();
    long slowest = 0;
    String slowestName = "";
    for (Attack attack : corpus) {
      long start = System.nanoTime();
      HttpResponse<byte[]> response = http.postJson("/graphql", attack.body());
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (millis > slowest && attack.status() == 400) {
        slowest = millis;
        slowestName = attack.name();
      }
      String text = new String(response.body(), StandardCharsets.UTF_8);
      JsonNode body;
      try {
        body = json(response);
      } catch (RuntimeException e) {
        problems.add(attack.name() + ": not JSON: " + text);
        continue;
      }
      String code = body.at("/errors/0/extensions/code").asText();
      if (response.statusCode() != attack.status()
          || code.isEmpty()
          || (attack.code() != null && !attack.code().equals(code))) {
        problems.add(attack.name() + ": " + response.statusCode() + " " + truncate(text));
      }
      if (text.contains("Exception") || text.contains("\tat ") || text.contains("dev.junction.")) {
        problems.add(attack.name() + ": leaks internals: " + truncate(text));
      }
    }
    assertThat(problems).isEmpty();
    assertThat(SUBGRAPH_CALLS.get()).as("subgraph calls").isZero();
    assertThat(slowest).as("slowest 400: %s, %d ms", slowestName, slowest).isLessThan(1000);
    HttpResponse<byte[]> ok =
        http.postJson("/graphql", query("{ product(id: \"prod-001\") { name } }"));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(http.get("/health").statusCode()).isEqualTo(200);
  }

  /**
   * Browser-style forgeries and GET mutations: refused by the HTTP layer, nothing reaches a
   * subgraph.
   */
  @Test
  void crossSiteRequestsAndGetMutationsAreRefusedBeforeAnySubgraphCall() {
    String body = query(product("name"));
    String mutation =
        HttpTestClient.encode(
            "mutation { registerCustomer(input: {email: \"a@b.c\", name: \"A\"}) { id } }");
    int before = SUBGRAPH_CALLS.get();
    List<HttpResponse<byte[]>> csrf = new ArrayList<>();
    for (String type :
        List.of(
            "text/plain",
            "text/plain;charset=UTF-8",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=----x",
            " Text/Plain ; charset=utf-8")) {
      csrf.add(
          http.send(
              http.request("/graphql")
                  .header("content-type", type)
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                  .build()));
    }
    csrf.add(
        http.send(
            http.request("/graphql")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build()));
    csrf.add(http.get("/graphql?query=" + HttpTestClient.encode(product("name"))));
    csrf.add(http.get("/graphql?query=" + mutation));
    for (HttpResponse<byte[]> response : csrf) {
      assertThat(response.statusCode()).as(HttpTestClient.text(response)).isEqualTo(400);
      assertThat(json(response).at("/errors/0/extensions/code").asText()).isEqualTo("CSRF_ERROR");
    }
    HttpResponse<byte[]> getMutation =
        http.get("/graphql?query=" + mutation, "apollo-require-preflight", "true");
    assertThat(getMutation.statusCode()).isEqualTo(405);
    assertThat(json(getMutation).at("/errors/0/extensions/code").asText())
        .isEqualTo("METHOD_NOT_ALLOWED");
    assertThat(SUBGRAPH_CALLS.get()).as("subgraph calls").isEqualTo(before);
  }

  private static String truncate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
