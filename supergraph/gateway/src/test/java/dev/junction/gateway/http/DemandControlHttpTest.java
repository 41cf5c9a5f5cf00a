package dev.junction.gateway.http;

import static dev.junction.gateway.http.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.gateway.Gateway;
import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.config.CorsConfig;
import dev.junction.gateway.config.ServerConfig;
import dev.junction.gateway.execution.cost.DemandControl;
import dev.junction.gateway.execution.cost.DemandControlConfig;
import dev.junction.gateway.execution.cost.DemandControlConfig.Expose;
import dev.junction.gateway.execution.cost.DemandControlConfig.Mode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Demand control through the real gateway over HTTP, against a supergraph with {@code @cost} and
 * {@code @listSize}: an operation estimated over {@code max_cost} gets a 400 {@code
 * COST_ESTIMATED_TOO_EXPENSIVE} and no subgraph is called; the same operation with smaller slicing
 * variables runs; measure mode runs everything and reports the cost.
 */
class DemandControlHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SLICED =
      "query Q($n: Int) { booksFirst(first: $n) { id heavy { id } } }";

  private final AtomicInteger subgraphCalls = new AtomicInteger();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private StubSubgraph stub;
  private Gateway gateway;
  private GatewayHttpServer server;
  private HttpTestClient http;

  private void start(DemandControlConfig config) throws IOException {
    String sdl = Files.readString(Path.of("src/test/resources/cost/supergraph.graphql"));
    stub =
        StubSubgraph.start(
            "{\"data\":{\"booksFirst\":[{\"id\":\"1\",\"heavy\":{\"id\":\"h\"}}]}}",
            exchange -> subgraphCalls.incrementAndGet());
    GatewayOptions.Builder options =
        stub.routeAll(sdl, GatewayOptions.builder().meterRegistry(meters).demandControl(config));
    gateway = Gateway.create(sdl, options.build());
    server =
        new GatewayHttpServer(
                gateway::execute,
                new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_REQUEST_BYTES, false),
                CorsConfig.disabled())
            .start();
    http = new HttpTestClient(server.port());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.shutdown(Duration.ofSeconds(1));
    }
    if (gateway != null) {
      gateway.close();
    }
    if (stub != null) {
      stub.close();
    }
  }

  private HttpResponse<byte[]> post(String query, Map<String, Object> variables, String... headers)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", query);
    body.put("variables", variables);
    return http.postJson("/graphql", JSON.writeValueAsString(body), headers);
  }

  private double rejections() {
    return meters.counter(Gateway.LIMIT_REJECTIONS, "limit", "max_cost").count();
  }

  @Test
  void tooExpensiveIsRejectedBeforeAnySubgraphCallAndCheaperVariablesRun() throws Exception {
    start(
        new DemandControlConfig(
            true,
            DemandControlConfig.Mode.ENFORCE,
            1000,
            DemandControlConfig.DEFAULT_LIST_SIZE,
            DemandControlConfig.Expose.ON_REQUEST));
    HttpResponse<byte[]> ok = post(SLICED, Map.of("n", 2));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(json(ok).at("/data/booksFirst/0/heavy/id").asText()).isEqualTo("h");
    assertThat(json(ok).has("extensions")).isFalse(); // not asked for
    assertThat(subgraphCalls.get()).isEqualTo(1);

    HttpResponse<byte[]> refused = post(SLICED, Map.of("n", 25)); // 25 x (1 + 40) = 1025
    JsonNode body = json(refused);
    assertThat(refused.statusCode()).as(body.toString()).isEqualTo(400);
    JsonNode error = body.at("/errors/0");
    assertThat(error.at("/extensions/code").asText()).isEqualTo(DemandControl.TOO_EXPENSIVE);
    assertThat(error.at("/extensions/cost").asLong()).isEqualTo(1025);
    assertThat(error.at("/extensions/max_cost").asLong()).isEqualTo(1000);
    assertThat(error.at("/message").asText()).contains("1025").contains("1000");
    assertThat(body.has("data")).isFalse();
    assertThat(subgraphCalls.get()).isEqualTo(1);
    assertThat(rejections()).isEqualTo(1);
    assertThat(
            meters.summary(DemandControl.ESTIMATED, "result", DemandControl.TOO_EXPENSIVE).count())
        .isEqualTo(1);
    assertThat(meters.summary(DemandControl.ESTIMATED, "result", DemandControl.OK).totalAmount())
        .isEqualTo(2 * 41);

    HttpResponse<byte[]> literal = post("{ booksFirst(first: 1000) { heavy { id } } }", Map.of());
    assertThat(literal.statusCode()).isEqualTo(400);
    assertThat(json(literal).at("/errors/0/extensions/cost").asLong()).isEqualTo(41_000);
    HttpResponse<byte[]> nested =
        post("{ books { chapters { notes { text } } } connection(first: 9) { total } }", Map.of());
    assertThat(nested.statusCode()).isEqualTo(400); // 10 x 111 + 1
    assertThat(json(nested).at("/errors/0/extensions/cost").asLong()).isEqualTo(1111);
    assertThat(subgraphCalls.get()).isEqualTo(1);
    assertThat(rejections()).isEqualTo(3);

    HttpResponse<byte[]> again = post(SLICED, Map.of("n", 3), "x-junction-cost", "true");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).at("/extensions/cost/estimated").asLong()).isEqualTo(3 * 41);
    assertThat(json(again).at("/extensions/cost/max").asLong()).isEqualTo(1000);
    assertThat(json(again).at("/extensions/cost/result").asText()).isEqualTo(DemandControl.OK);
  }

  @Test
  void theDefaultsServeThreeNestedUnsizedListsAndRefuseAThousandHeavyBooks() throws Exception {
    start(DemandControlConfig.defaults());
    HttpResponse<byte[]> nested =
        post(
            "{ books { chapters { notes { text } } } connection(first: 9) { total } }",
            Map.of(),
            "x-junction-cost",
            "true");
    assertThat(nested.statusCode()).isEqualTo(200);
    assertThat(json(nested).at("/extensions/cost/estimated").asLong()).isEqualTo(1111);
    assertThat(json(nested).at("/extensions/cost/max").asLong())
        .isEqualTo(DemandControlConfig.DEFAULT_MAX_COST)
        .isEqualTo(10_000);
    HttpResponse<byte[]> literal = post("{ booksFirst(first: 1000) { heavy { id } } }", Map.of());
    assertThat(literal.statusCode()).isEqualTo(400);
    assertThat(json(literal).at("/errors/0/extensions/cost").asLong()).isEqualTo(41_000);
    assertThat(rejections()).isEqualTo(1);
  }

  @Test
  void aMissingRequiredSlicingArgumentIsABadRequest() throws Exception {
    start(DemandControlConfig.defaults());
    HttpResponse<byte[]> r = post(SLICED, Map.of());
    JsonNode body = json(r);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(body.at("/errors/0/extensions/code").asText())
        .isEqualTo(DemandControl.QUERY_PARSE_FAILURE);
    assertThat(body.at("/errors/0/message").asText())
        .isEqualTo(
            "Field Query.booksFirst needs exactly one of its slicing arguments (first, last), got"
                + " 0.");
    assertThat(subgraphCalls.get()).isZero();
  }

  @Test
  void measureModeRunsEverythingAndReportsTheCost() throws Exception {
    start(new DemandControlConfig(true, Mode.MEASURE, 1000, 10, Expose.ALWAYS));
    HttpResponse<byte[]> r = post(SLICED, Map.of("n", 100));
    JsonNode body = json(r);
    assertThat(r.statusCode()).as(body.toString()).isEqualTo(200);
    assertThat(body.at("/data/booksFirst/0/id").asText()).isEqualTo("1");
    assertThat(body.at("/extensions/cost/estimated").asLong()).isEqualTo(4100);
    assertThat(body.at("/extensions/cost/result").asText()).isEqualTo(DemandControl.TOO_EXPENSIVE);
    HttpResponse<byte[]> missing = post(SLICED, Map.of());
    assertThat(missing.statusCode()).isEqualTo(200);
    assertThat(json(missing).at("/extensions/cost/result").asText())
        .isEqualTo(DemandControl.QUERY_PARSE_FAILURE);
    assertThat(json(missing).at("/extensions/cost/estimated").asLong()).isEqualTo(10 * 41);
    assertThat(subgraphCalls.get()).isEqualTo(2);
    assertThat(rejections()).isZero();
    assertThat(
            meters
                .summary(DemandControl.ESTIMATED, "result", DemandControl.TOO_EXPENSIVE)
                .totalAmount())
        .isEqualTo(4100);
  }

  @Test
  void disabledComputesNothing() throws Exception {
    start(DemandControlConfig.disabled());
    HttpResponse<byte[]> r = post(SLICED, Map.of("n", 1_000_000), "x-junction-cost", "true");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).has("extensions")).isFalse();
    assertThat(subgraphCalls.get()).isEqualTo(1);
    assertThat(meters.find(DemandControl.ESTIMATED).summaries()).isEmpty();
  }

  @Test
  void theCostDirectivesAreNotIntrospectable() throws Exception {
    start(DemandControlConfig.defaults());
    HttpResponse<byte[]> r =
        post("{ __schema { directives { name } } __type(name: \"Query\") { name } }", Map.of());
    assertThat(r.statusCode()).isEqualTo(200);
    String text = json(r).toString();
    assertThat(text).contains("\"skip\"").doesNotContain("cost").doesNotContain("listSize");
    assertThat(subgraphCalls.get()).isZero();
  }
}
