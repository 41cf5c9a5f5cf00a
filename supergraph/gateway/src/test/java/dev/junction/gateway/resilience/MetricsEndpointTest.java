package dev.junction.gateway.resilience;

import static dev.junction.gateway.resilience.ResilienceHarness.FLAKY_BODY;
import static dev.junction.gateway.resilience.ResilienceHarness.STABLE_BODY;
import static dev.junction.gateway.resilience.ResilienceHarness.answer;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.junction.gateway.Gateway;
import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.GatewayResponse;
import dev.junction.gateway.Main;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * The command line wires one Prometheus registry into the engine and the {@code /metrics} route.
 */
class MetricsEndpointTest {
  @TempDir Path dir;

  @Test
  void metricsOfTheEngineAndTheServerAreScrapedFromTheRunningGateway() throws Exception {
    WireMockServer flaky = ResilienceHarness.wireMock();
    WireMockServer stable = ResilienceHarness.wireMock();
    answer(flaky, FLAKY_BODY);
    answer(stable, STABLE_BODY);
    Path supergraph = dir.resolve("supergraph.graphql");
    try (InputStream in = getClass().getResourceAsStream("/resilience/supergraph.graphql")) {
      Files.write(supergraph, in.readAllBytes());
    }
    Path config = dir.resolve("router.yaml");
    Files.writeString(
        config,
        """
        server:
          listen: 127.0.0.1:0
        supergraph:
          path: supergraph.graphql
        subgraphs:
          flaky:
            routing_url: %s/graphql
          stable:
            routing_url: %s/graphql
        traffic_shaping:
          router:
            max_in_flight: 10
          subgraphs:
            flaky:
              timeout: 1s
        """
            .formatted(flaky.baseUrl(), stable.baseUrl()));
    Main.Running running =
        Main.launch(
            new String[] {"--config", config.toString()},
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(new ByteArrayOutputStream()),
            name -> null,
            (sdl, options) -> {
              Gateway gateway = Gateway.create(sdl, options);
              return new Main.Engine() {
                @Override
                public Mono<GatewayResponse> execute(GatewayRequest request) {
                  return gateway.execute(request);
                }

                @Override
                public void close() {
                  gateway.close();
                }
              };
            });
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + running.server().port();
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/graphql"))
                  .header("content-type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ weather news }\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.body()).contains("sunny", "calm");

      HttpResponse<String> metrics =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/metrics")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("content-type").orElse(""))
          .startsWith("text/plain; version=0.0.4");
      assertThat(metrics.body())
          .contains(
              "junction_subgraph_calls_seconds_count{outcome=\"success\",subgraph=\"flaky\"} 1")
          .contains(
              "junction_subgraph_fetches_seconds_count{outcome=\"success\",subgraph=\"stable\"} 1")
          .contains("resilience4j_circuitbreaker_state{name=\"flaky\",state=\"closed\"} 1.0")
          .contains("resilience4j_bulkhead_available_concurrent_calls{name=\"flaky\"}")
          .contains("resilience4j_timelimiter_calls_total{kind=\"successful\",name=\"flaky\"} 1.0")
          .contains("resilience4j_retry_calls_total")
          .contains("junction_requests_shed_total 0.0")
          .contains("junction_requests_in_flight 0.0");
    } finally {
      running.stop();
      flaky.stop();
      stable.stop();
    }
  }
}
