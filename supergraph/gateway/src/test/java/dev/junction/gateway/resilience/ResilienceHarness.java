package dev.junction.gateway.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import dev.junction.gateway.Gateway;
import dev.junction.gateway.config.RouterConfig;
import dev.junction.gateway.config.RouterConfigLoader;
import dev.junction.gateway.config.SupergraphSubgraphs;
import dev.junction.gateway.http.GatewayHttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real gateway (engine + HTTP server) over a two-subgraph supergraph: {@code flaky} and {@code
 * stable}, both WireMock servers, configured from a {@code traffic_shaping} YAML snippet.
 */
final class ResilienceHarness implements AutoCloseable {
  static final String STABLE_BODY = "{\"data\":{\"news\":\"calm\"}}";
  static final String FLAKY_BODY = "{\"data\":{\"weather\":\"sunny\"}}";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUPERGRAPH = resource("/resilience/supergraph.graphql");

  final Gateway gateway;
  final GatewayHttpServer server;
  final PrometheusMeterRegistry metrics;
  final TestClock clock = new TestClock();
  final RouterConfig config;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** A client response and how long it took. */
  record Response(int status, JsonNode json, String raw, long millis, HttpResponse<String> http) {}

  private ResilienceHarness(RouterConfig config) {
    this.config = config;
    this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.gateway =
        Gateway.create(SUPERGRAPH, config.toGatewayOptionsBuilder(metrics).clock(clock).build());
    this.server =
        new GatewayHttpServer(
                gateway::execute,
                config.server(),
                config.cors(),
                config.trafficShaping().maxInFlight(),
                metrics)
            .start();
  }

  /** A WireMock server on a free port, quiet. */
  static WireMockServer wireMock() {
    WireMockServer server =
        new WireMockServer(
            wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .notifier(new ConsoleNotifier(false)));
    server.start();
    return server;
  }

  /** Answers every POST with {@code body}. */
  static void answer(WireMockServer server, String body) {
    server.stubFor(WireMock.post(urlEqualTo("/graphql")).willReturn(okJson(body)));
  }

  /** Requests the server received since its last reset. */
  static int count(WireMockServer server) {
    return server
        .countRequestsMatching(postRequestedFor(urlEqualTo("/graphql")).build())
        .getCount();
  }

  static ResilienceHarness start(String flakyUrl, String stableUrl, String trafficShaping) {
    String yaml =
        """
        server:
          listen: 127.0.0.1:0
          graphiql: false
        subgraphs:
          flaky:
            routing_url: %s
          stable:
            routing_url: %s
        """
                .formatted(flakyUrl, stableUrl)
            + trafficShaping;
    RouterConfig config = new RouterConfigLoader(name -> null).parse(yaml, "test.yaml", null);
    SupergraphSubgraphs.check(config, SupergraphSubgraphs.names(SUPERGRAPH));
    return new ResilienceHarness(config);
  }

  static ResilienceHarness start(
      WireMockServer flaky, WireMockServer stable, String trafficShaping) {
    return start(flaky.baseUrl() + "/graphql", stable.baseUrl() + "/graphql", trafficShaping);
  }

  CompletableFuture<Response> postAsync(String query, String... headers) {
    String body;
    try {
      body = JSON.writeValueAsString(Map.of("query", query));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/graphql"))
            .timeout(Duration.ofSeconds(10))
            .header("content-type", "application/json")
            .headers(headers.length == 0 ? new String[] {"x-test", "1"} : headers)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    long start = System.nanoTime();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            r -> {
              long millis = (System.nanoTime() - start) / 1_000_000;
              return new Response(r.statusCode(), parse(r.body()), r.body(), millis, r);
            });
  }

  Response post(String query) {
    return postAsync(query).join();
  }

  String scrape() {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("/metrics answered " + r.statusCode());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = ResilienceHarness.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.shutdown(Duration.ofMillis(200));
    gateway.close();
  }

  /** A clock the test moves by hand. */
  static final class TestClock extends Clock {
    private final AtomicReference<Instant> now =
        new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    void advance(Duration d) {
      now.updateAndGet(i -> i.plus(d));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
