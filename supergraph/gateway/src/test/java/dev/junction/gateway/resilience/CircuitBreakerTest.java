package dev.junction.gateway.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.junction.gateway.resilience.ResilienceHarness.FLAKY_BODY;
import static dev.junction.gateway.resilience.ResilienceHarness.STABLE_BODY;
import static dev.junction.gateway.resilience.ResilienceHarness.answer;
import static dev.junction.gateway.resilience.ResilienceHarness.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The breaker of one subgraph going closed, open, half-open and closed again. Time in the open
 * state passes on the gateway's injected clock: no sleeping.
 */
class CircuitBreakerTest {
  private static final String QUERY = "{ weather news }";

  private WireMockServer flaky;
  private WireMockServer stable;
  private ResilienceHarness gateway;
  private CircuitBreaker breaker;

  @BeforeEach
  void start() {
    flaky = ResilienceHarness.wireMock();
    stable = ResilienceHarness.wireMock();
    answer(stable, STABLE_BODY);
    gateway =
        ResilienceHarness.start(
            flaky,
            stable,
            """
            traffic_shaping:
              subgraphs:
                flaky:
                  timeout: 300ms
                  circuit_breaker:
                    failure_rate_threshold: 50
                    minimum_number_of_calls: 2
                    sliding_window_size: 4
                    wait_duration_in_open_state: 30s
                    permitted_calls_in_half_open_state: 1
            """);
    breaker = gateway.gateway.resilience().circuitBreakers().circuitBreaker("flaky");
  }

  @AfterEach
  void stop() {
    gateway.close();
    flaky.stop();
    stable.stop();
  }

  private void failing() {
    flaky.resetAll();
    flaky.stubFor(WireMock.post(urlEqualTo("/graphql")).willReturn(aResponse().withStatus(500)));
  }

  private String code(ResilienceHarness.Response response) {
    return response.json().at("/errors/0/extensions/code").asText();
  }

  @Test
  void closedOpenHalfOpenClosed() {
    failing();
    assertThat(breaker.getState()).isEqualTo(State.CLOSED);

    assertThat(code(gateway.post(QUERY))).isEqualTo("SUBGRAPH_UNAVAILABLE");
    assertThat(breaker.getState())
        .as("one failure is below minimum_number_of_calls")
        .isEqualTo(State.CLOSED);
    assertThat(code(gateway.post(QUERY))).isEqualTo("SUBGRAPH_UNAVAILABLE");
    assertThat(breaker.getState()).isEqualTo(State.OPEN);
    assertThat(gateway.scrape())
        .contains("resilience4j_circuitbreaker_state{name=\"flaky\",state=\"open\"} 1.0");

    // open: refused without calling the subgraph; the other subgraph is still served
    ResilienceHarness.Response refused = gateway.post(QUERY);
    assertThat(code(refused)).isEqualTo("CIRCUIT_OPEN");
    assertThat(refused.json().at("/errors/0/extensions/serviceName").asText()).isEqualTo("flaky");
    assertThat(refused.json().at("/data/weather").isNull()).isTrue();
    assertThat(refused.json().at("/data/news").asText()).isEqualTo("calm");
    assertThat(refused.json().get("errors")).hasSize(1);
    assertThat(count(flaky)).isEqualTo(2);

    // still open just before the wait is over
    gateway.clock.advance(Duration.ofSeconds(29));
    assertThat(code(gateway.post(QUERY))).isEqualTo("CIRCUIT_OPEN");
    assertThat(count(flaky)).isEqualTo(2);

    // after the wait, the next call is a half-open probe; it fails: open again
    gateway.clock.advance(Duration.ofSeconds(2));
    assertThat(code(gateway.post(QUERY))).isEqualTo("SUBGRAPH_UNAVAILABLE");
    assertThat(count(flaky)).isEqualTo(3);
    assertThat(breaker.getState()).isEqualTo(State.OPEN);

    // the subgraph recovers; after another wait the probe succeeds: closed
    flaky.resetAll();
    answer(flaky, FLAKY_BODY);
    gateway.clock.advance(Duration.ofSeconds(31));
    assertThat(breaker.getState()).as("no automatic transition").isEqualTo(State.OPEN);
    ResilienceHarness.Response probe = gateway.post(QUERY);
    assertThat(probe.json().has("errors")).as(probe.raw()).isFalse();
    assertThat(probe.json().at("/data/weather").asText()).isEqualTo("sunny");
    assertThat(breaker.getState()).isEqualTo(State.CLOSED);
    assertThat(gateway.scrape())
        .contains("resilience4j_circuitbreaker_state{name=\"flaky\",state=\"closed\"} 1.0");
  }

  @Test
  void halfOpenFromTheRegistryLetsOneProbeThrough() {
    failing();
    gateway.post(QUERY);
    gateway.post(QUERY);
    assertThat(breaker.getState()).isEqualTo(State.OPEN);

    breaker.transitionToHalfOpenState();
    assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
    flaky.resetAll();
    answer(flaky, FLAKY_BODY);

    assertThat(gateway.post(QUERY).json().at("/data/weather").asText()).isEqualTo("sunny");
    assertThat(breaker.getState()).isEqualTo(State.CLOSED);
    assertThat(count(flaky)).isEqualTo(1);
  }

  @Test
  void slowCallsOpenTheBreakerToo() {
    try (ResilienceHarness slow =
        ResilienceHarness.start(
            flaky,
            stable,
            """
            traffic_shaping:
              subgraphs:
                flaky:
                  circuit_breaker:
                    slow_call_rate_threshold: 50
                    slow_call_duration: 50ms
                    minimum_number_of_calls: 2
                    sliding_window_size: 2
            """)) {
      flaky.resetAll();
      flaky.stubFor(
          WireMock.post(urlEqualTo("/graphql"))
              .willReturn(WireMock.okJson(FLAKY_BODY).withFixedDelay(120)));
      assertThat(slow.post(QUERY).json().at("/data/weather").asText()).isEqualTo("sunny");
      assertThat(slow.post(QUERY).json().at("/data/weather").asText()).isEqualTo("sunny");

      CircuitBreaker slowBreaker =
          slow.gateway.resilience().circuitBreakers().circuitBreaker("flaky");
      assertThat(slowBreaker.getState()).isEqualTo(State.OPEN);
      assertThat(code(slow.post(QUERY))).isEqualTo("CIRCUIT_OPEN");
    }
  }
}
