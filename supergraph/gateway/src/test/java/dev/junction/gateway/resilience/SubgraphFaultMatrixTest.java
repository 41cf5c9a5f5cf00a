package dev.junction.gateway.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.junction.gateway.resilience.ResilienceHarness.FLAKY_BODY;
import static dev.junction.gateway.resilience.ResilienceHarness.STABLE_BODY;
import static dev.junction.gateway.resilience.ResilienceHarness.answer;
import static dev.junction.gateway.resilience.ResilienceHarness.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.ServerSocket;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One misbehaving subgraph ({@code flaky}, WireMock) behind the real gateway, next to a healthy one
 * ({@code stable}): for every fault, the attempts WireMock saw, the time the client waited, and the
 * GraphQL response (the flaky field null with one coded error, the stable field served).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubgraphFaultMatrixTest {
  /** Per attempt time-out. */
  private static final long TIMEOUT = 200;

  /** Worst pauses before retry 1 and 2: 20 ms and 40 ms, +50 % jitter. */
  private static final long BACKOFF_1 = 30;

  private static final long BACKOFF_2 = 60;

  /** Slack on top of the configured budget. */
  private static final long SLACK = 50;

  /**
   * The configured budget of a {@code flaky} query: every attempt timing out plus the longest
   * pauses (3 x 200 ms + 30 ms + 60 ms). No client may wait longer than this + {@link #SLACK}.
   */
  private static final long BUDGET = 3 * TIMEOUT + BACKOFF_1 + BACKOFF_2;

  /**
   * Scheduling noise allowed on top of a case's own expected wait (the build machine is shared); a
   * case that waits for nothing must still answer well before one time-out.
   */
  private static final long NOISE = 200;

  private static final String SHAPING =
      """
      traffic_shaping:
        router:
          request_deadline: 2s
        all:
          circuit_breaker:
            enabled: false
        subgraphs:
          flaky:
            timeout: 200ms
            retry:
              attempts: 3
              initial_backoff: 20ms
              max_backoff: 100ms
              multiplier: 2
      """;

  private static final String QUERY = "{ weather news }";
  private static final String MUTATION = "mutation { vote(id: \"1\") }";

  private WireMockServer flaky;
  private WireMockServer stable;
  private ResilienceHarness gateway;

  @BeforeAll
  void start() {
    flaky = ResilienceHarness.wireMock();
    stable = ResilienceHarness.wireMock();
    gateway = ResilienceHarness.start(flaky, stable, SHAPING);
    answer(flaky, FLAKY_BODY);
    answer(stable, STABLE_BODY);
    // warm up (class loading, JIT, connections): the first calls may exceed the 200 ms time-out
    int ok = 0;
    for (int i = 0; i < 20 && ok < 5; i++) {
      if ("sunny".equals(gateway.post(QUERY).json().at("/data/weather").asText())) {
        ok++;
      }
    }
    assertThat(ok).as("warm-up answers").isEqualTo(5);
  }

  @AfterAll
  void stop() {
    gateway.close();
    flaky.stop();
    stable.stop();
  }

  @BeforeEach
  void reset() {
    flaky.resetAll();
    stable.resetAll();
    answer(stable, STABLE_BODY);
  }

  private static Consumer<WireMockServer> always(ResponseDefinitionBuilder response) {
    return server -> server.stubFor(post(urlEqualTo("/graphql")).willReturn(response));
  }

  private static Consumer<WireMockServer> firstThen(
      ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
    return server -> {
      server.stubFor(
          post(urlEqualTo("/graphql"))
              .inScenario("flaky")
              .whenScenarioStateIs(Scenario.STARTED)
              .willReturn(first)
              .willSetStateTo("recovered"));
      server.stubFor(
          post(urlEqualTo("/graphql"))
              .inScenario("flaky")
              .whenScenarioStateIs("recovered")
              .willReturn(then));
    };
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of(
            "fixed delay beyond the time-out",
            always(okJson(FLAKY_BODY).withFixedDelay(1_000)),
            QUERY,
            1,
            "SUBGRAPH_TIMEOUT",
            TIMEOUT),
        Arguments.of(
            "random delays beyond the time-out",
            always(okJson(FLAKY_BODY).withUniformRandomDelay(250, 600)),
            QUERY,
            1,
            "SUBGRAPH_TIMEOUT",
            TIMEOUT),
        Arguments.of(
            "random delays within the time-out",
            always(okJson(FLAKY_BODY).withUniformRandomDelay(0, 80)),
            QUERY,
            1,
            null,
            80L),
        Arguments.of(
            "503 then 200: one retry",
            firstThen(aResponse().withStatus(503), okJson(FLAKY_BODY)),
            QUERY,
            2,
            null,
            BACKOFF_1),
        Arguments.of(
            "503 every time: two retries",
            always(aResponse().withStatus(503)),
            QUERY,
            3,
            "SUBGRAPH_UNAVAILABLE",
            BACKOFF_1 + BACKOFF_2),
        Arguments.of(
            "502 and 504 are retried too",
            firstThen(aResponse().withStatus(502), okJson(FLAKY_BODY)),
            QUERY,
            2,
            null,
            BACKOFF_1),
        Arguments.of(
            "503 for a mutation: never retried",
            always(aResponse().withStatus(503)),
            MUTATION,
            1,
            "SUBGRAPH_UNAVAILABLE",
            0L),
        Arguments.of(
            "Retry-After longer than max_backoff: no retry",
            always(aResponse().withStatus(503).withHeader("Retry-After", "5")),
            QUERY,
            1,
            "SUBGRAPH_UNAVAILABLE",
            0L),
        Arguments.of(
            "500 is not retried",
            always(aResponse().withStatus(500)),
            QUERY,
            1,
            "SUBGRAPH_UNAVAILABLE",
            0L),
        Arguments.of(
            "404 is not retried",
            always(aResponse().withStatus(404).withBody("Not Found")),
            QUERY,
            1,
            "SUBGRAPH_UNAVAILABLE",
            0L),
        Arguments.of(
            "GraphQL errors are not retried",
            always(okJson("{\"data\":{\"weather\":null},\"errors\":[{\"message\":\"boom\"}]}")),
            QUERY,
            1,
            "DOWNSTREAM_SERVICE_ERROR",
            0L),
        Arguments.of(
            "connection reset by peer",
            always(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
            QUERY,
            1,
            "SUBGRAPH_UNAVAILABLE",
            0L),
        Arguments.of(
            "empty response (connection closed without an answer)",
            always(aResponse().withFault(Fault.EMPTY_RESPONSE)),
            QUERY,

            // closed before any response: for a query the gateway tries a fresh connection once
            // (it cannot tell this from a pooled keep-alive connection the subgraph closed)
            2,
            "SUBGRAPH_UNAVAILABLE",
            0L),
        Arguments.of(
            "HTTP 200 with an empty body",
            always(aResponse().withStatus(200)),
            QUERY,
            1,
            "SUBGRAPH_INVALID_RESPONSE",
            0L),
        Arguments.of(
            "malformed JSON",
            always(okJson("{\"data\": {\"weather\": ")),
            QUERY,
            1,
            "SUBGRAPH_INVALID_RESPONSE",
            0L),
        Arguments.of(
            "random data, then the connection closes",
            always(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)),
            QUERY,

            // closed before any response: for a query the gateway tries a fresh connection once
            // (it cannot tell this from a pooled keep-alive connection the subgraph closed)
            2,
            "SUBGRAPH_UNAVAILABLE",
            0L),
        Arguments.of(
            "status line, then garbage mid-body, then close",
            always(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)),
            QUERY,
            1,
            "SUBGRAPH_UNAVAILABLE",
            0L),
        Arguments.of(
            "body dribbled slower than the time-out",
            always(okJson(FLAKY_BODY).withChunkedDribbleDelay(5, 1_000)),
            QUERY,
            1,
            "SUBGRAPH_TIMEOUT",
            TIMEOUT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void fault(
      String name,
      Consumer<WireMockServer> stub,
      String query,
      int attempts,
      String code,
      long expectedWait) {
    stub.accept(flaky);

    ResilienceHarness.Response response = gateway.post(query);
    System.out.printf(
        "fault matrix: %-55s %d attempt(s), %4d ms (expected wait %d ms, budget %d + %d ms)%n",
        name, count(flaky), response.millis(), expectedWait, BUDGET, SLACK);

    assertThat(count(flaky)).as("attempts seen by the subgraph").isEqualTo(attempts);
    assertThat(response.millis()).as("client wait in ms").isLessThanOrEqualTo(BUDGET + SLACK);
    if (expectedWait >= TIMEOUT) {
      assertThat(response.millis()).as("waited for the time-out").isGreaterThanOrEqualTo(TIMEOUT);
    }
    assertThat(response.millis())
        .as("client wait in ms, against the case's own expected wait")
        .isLessThan(Math.min(expectedWait + NOISE, BUDGET));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.raw()).doesNotContain("Exception", "\tat ", ".java:");
    JsonNode body = response.json();
    boolean mutation = query.startsWith("mutation");
    String field = mutation ? "vote" : "weather";
    assertThat(body.at("/data").has(field)).isTrue();
    if (!mutation) {
      assertThat(body.at("/data/news").asText())
          .as("the healthy subgraph is served")
          .isEqualTo("calm");
      assertThat(count(stable)).isEqualTo(1);
    }
    if (code == null) {
      assertThat(body.has("errors")).as(body.toString()).isFalse();
      assertThat(body.at("/data/weather").asText()).isEqualTo("sunny");
      return;
    }
    assertThat(body.at("/data/" + field).isNull()).as(body.toString()).isTrue();
    assertThat(body.get("errors")).as(body.toString()).hasSize(1);
    JsonNode error = body.at("/errors/0");
    assertThat(error.at("/extensions/code").asText()).isEqualTo(code);
    assertThat(error.at("/extensions/serviceName").asText()).isEqualTo("flaky");
    assertThat(error.at("/message").asText()).isNotBlank();
  }

  @Test
  void retryAfterWithinMaxBackoffIsWaitedFor() {
    flaky.stubFor(
        post(urlEqualTo("/graphql"))
            .inScenario("retry-after")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1"))
            .willSetStateTo("up"));
    flaky.stubFor(
        post(urlEqualTo("/graphql"))
            .inScenario("retry-after")
            .whenScenarioStateIs("up")
            .willReturn(okJson(FLAKY_BODY)));
    try (ResilienceHarness patient =
        ResilienceHarness.start(
            flaky,
            stable,
            """
            traffic_shaping:
              subgraphs:
                flaky:
                  timeout: 200ms
                  retry:
                    attempts: 2
                    initial_backoff: 10ms
                    max_backoff: 2s
            """)) {
      ResilienceHarness.Response response = patient.post(QUERY);

      assertThat(response.json().at("/data/weather").asText()).isEqualTo("sunny");
      assertThat(count(flaky)).isEqualTo(2);
      assertThat(response.millis())
          .as("waited for Retry-After: 1")
          .isBetween(1_000L, 1_000 + NOISE);
    }
  }

  @Test
  void connectErrorsAreRetried() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    try (ResilienceHarness refused =
        ResilienceHarness.start(
            "http://127.0.0.1:" + closed + "/graphql", stable.baseUrl() + "/graphql", SHAPING)) {
      ResilienceHarness.Response response = refused.post(QUERY);

      assertThat(response.json().at("/errors/0/extensions/code").asText())
          .isEqualTo("SUBGRAPH_UNAVAILABLE");
      assertThat(response.json().at("/data/news").asText()).isEqualTo("calm");
      assertThat(response.millis()).isLessThanOrEqualTo(BUDGET + SLACK);
      assertThat(response.millis()).isLessThan(BACKOFF_1 + BACKOFF_2 + NOISE);
      double attempts =
          refused
              .metrics
              .get("junction.subgraph.calls")
              .tag("subgraph", "flaky")
              .tag("outcome", "SUBGRAPH_UNAVAILABLE")
              .timer()
              .count();
      assertThat(attempts).isEqualTo(3);
      assertThat(refused.scrape())
          .contains(
              "resilience4j_retry_calls_total{kind=\"failed_with_retry\",name=\"flaky\"} 1.0");
    }
  }

  @Test
  void retriesStopBeforeTheRequestDeadline() {
    flaky.stubFor(post(urlEqualTo("/graphql")).willReturn(aResponse().withStatus(503)));
    try (ResilienceHarness hurried =
        ResilienceHarness.start(
            flaky,
            stable,
            """
            traffic_shaping:
              router:
                request_deadline: 200ms
              subgraphs:
                flaky:
                  retry:
                    attempts: 10
                    initial_backoff: 40ms
                    max_backoff: 40ms
                    multiplier: 1
                  circuit_breaker:
                    # keep the breaker out of this test: it is about the deadline
                    enabled: false
            """)) {
      ResilienceHarness.Response response = hurried.post(QUERY);

      assertThat(response.millis()).isLessThanOrEqualTo(200 + SLACK);
      assertThat(count(flaky)).as("retried, but not 10 times").isBetween(2, 9);
      // the last 503 when no pause fitted before the deadline, a time-out when the last attempt
      // itself ran into it
      assertThat(response.json().at("/errors/0/extensions/code").asText())
          .isIn("SUBGRAPH_UNAVAILABLE", "SUBGRAPH_TIMEOUT");
      assertThat(response.json().get("errors")).hasSize(1);
      assertThat(response.json().at("/data/news").asText()).isEqualTo("calm");
    }
  }

  @Test
  void theRequestDeadlineBoundsTheWholeRequest() {
    flaky.stubFor(
        post(urlEqualTo("/graphql")).willReturn(okJson(FLAKY_BODY).withFixedDelay(2_000)));
    try (ResilienceHarness hurried =
        ResilienceHarness.start(
            flaky,
            stable,
            """
            traffic_shaping:
              router:
                request_deadline: 300ms
            """)) {
      ResilienceHarness.Response response = hurried.post(QUERY);

      assertThat(response.millis()).isLessThanOrEqualTo(300 + SLACK);
      assertThat(response.json().at("/data/news").asText()).isEqualTo("calm");
      assertThat(response.json().at("/errors/0/extensions/code").asText())
          .isEqualTo("SUBGRAPH_TIMEOUT");
      assertThat(response.json().get("errors")).hasSize(1);
    }
  }
}
