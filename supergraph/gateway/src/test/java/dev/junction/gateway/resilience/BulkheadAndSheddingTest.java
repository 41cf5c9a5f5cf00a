package dev.junction.gateway.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.junction.gateway.resilience.ResilienceHarness.FLAKY_BODY;
import static dev.junction.gateway.resilience.ResilienceHarness.STABLE_BODY;
import static dev.junction.gateway.resilience.ResilienceHarness.answer;
import static dev.junction.gateway.resilience.ResilienceHarness.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Saturation: the per-subgraph bulkhead, gateway-wide load shedding and in-flight de-duplication,
 * with {@code flaky} answering slowly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkheadAndSheddingTest {
  private static final int SLOW_MS = 600;

  /** "At once": far below the 600 ms the saturating calls take (the build machine is shared). */
  private static final long AT_ONCE_MS = 200;

  private WireMockServer flaky;
  private WireMockServer stable;

  @BeforeAll
  void start() {
    flaky = ResilienceHarness.wireMock();
    stable = ResilienceHarness.wireMock();
  }

  @AfterAll
  void stop() {
    flaky.stop();
    stable.stop();
  }

  @BeforeEach
  void reset() {
    flaky.resetAll();
    stable.resetAll();
    answer(stable, STABLE_BODY);
  }

  private void slowFlaky() {
    flaky.stubFor(
        WireMock.post(urlEqualTo("/graphql"))
            .willReturn(okJson(FLAKY_BODY).withFixedDelay(SLOW_MS)));
  }

  /** Waits (bounded) until the subgraph has received {@code n} requests. */
  private static void awaitRequests(WireMockServer server, int n) throws InterruptedException {
    for (int i = 0; i < 200 && count(server) < n; i++) {
      Thread.sleep(10);
    }
    assertThat(count(server)).isEqualTo(n);
  }

  @Test
  void aSaturatedSubgraphRefusesTheNextCallAtOnceWhileOthersAreServed() throws Exception {
    try (ResilienceHarness gateway =
        ResilienceHarness.start(
            flaky,
            stable,
            """
            traffic_shaping:
              all:
                dedup: false
              subgraphs:
                flaky:
                  timeout: 2s
                  bulkhead:
                    max_concurrent: 2
            """)) {
      answer(flaky, FLAKY_BODY);
      gateway.post("{ weather news }"); // warm up connections
      flaky.resetAll();
      stable.resetAll();
      answer(stable, STABLE_BODY);
      slowFlaky();

      List<CompletableFuture<ResilienceHarness.Response>> busy = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        busy.add(gateway.postAsync("{ weather }"));
      }
      awaitRequests(flaky, 2);

      ResilienceHarness.Response refused = gateway.post("{ weather news }");
      assertThat(refused.millis()).as("refused at once").isLessThan(AT_ONCE_MS);
      assertThat(refused.json().at("/errors/0/extensions/code").asText())
          .isEqualTo("SUBGRAPH_BULKHEAD_FULL");
      assertThat(refused.json().at("/errors/0/extensions/serviceName").asText()).isEqualTo("flaky");
      assertThat(refused.json().get("errors")).hasSize(1);
      assertThat(refused.json().at("/data/news").asText()).isEqualTo("calm");

      ResilienceHarness.Response other = gateway.post("{ news }");
      assertThat(other.millis()).as("the other subgraph is unaffected").isLessThan(AT_ONCE_MS);
      assertThat(other.json().has("errors")).isFalse();

      for (CompletableFuture<ResilienceHarness.Response> f : busy) {
        ResilienceHarness.Response r = f.join();
        assertThat(r.json().has("errors")).as(r.raw()).isFalse();
        assertThat(r.json().at("/data/weather").asText()).isEqualTo("sunny");
      }
      assertThat(count(flaky)).as("the refused call never reached the subgraph").isEqualTo(2);
      assertThat(gateway.scrape())
          .contains("resilience4j_bulkhead_max_allowed_concurrent_calls{name=\"flaky\"} 2.0")
          .contains(
              "junction_subgraph_calls_seconds_count{outcome=\"SUBGRAPH_BULKHEAD_FULL\",subgraph=\"flaky\"} 1");
    }
  }

  @Test
  void beyondMaxInFlightRequestsAreShedWithoutTouchingSubgraphs() throws Exception {
    try (ResilienceHarness gateway =
        ResilienceHarness.start(
            flaky,
            stable,
            """
            traffic_shaping:
              router:
                max_in_flight: 2
              all:
                dedup: false
            """)) {
      slowFlaky();
      List<CompletableFuture<ResilienceHarness.Response>> busy = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        busy.add(gateway.postAsync("{ weather }"));
      }
      awaitRequests(flaky, 2);

      ResilienceHarness.Response shed = gateway.post("{ news }");
      assertThat(shed.millis()).isLessThan(AT_ONCE_MS);
      assertThat(shed.status()).isEqualTo(503);
      assertThat(shed.http().headers().firstValue("retry-after")).hasValue("1");
      assertThat(shed.json().at("/errors/0/extensions/code").asText())
          .isEqualTo("GATEWAY_OVERLOADED");
      assertThat(shed.json().has("data")).isFalse();
      assertThat(count(stable)).as("the shed request touched no subgraph").isZero();

      for (CompletableFuture<ResilienceHarness.Response> f : busy) {
        assertThat(f.join().json().at("/data/weather").asText()).isEqualTo("sunny");
      }
      assertThat(gateway.post("{ news }").json().at("/data/news").asText())
          .as("served again once below the limit")
          .isEqualTo("calm");
      assertThat(gateway.scrape()).contains("junction_requests_shed_total 1.0");
    }
  }

  @Test
  void identicalInFlightQueriesShareOneCall() throws Exception {
    try (ResilienceHarness gateway = ResilienceHarness.start(flaky, stable, "")) {
      slowFlaky();
      List<CompletableFuture<ResilienceHarness.Response>> same = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        same.add(gateway.postAsync("{ weather }"));
      }
      for (CompletableFuture<ResilienceHarness.Response> f : same) {
        assertThat(f.join().json().at("/data/weather").asText()).isEqualTo("sunny");
      }
      assertThat(count(flaky)).isEqualTo(1);

      // a different document is a different call
      flaky.resetAll();
      slowFlaky();
      CompletableFuture<ResilienceHarness.Response> a = gateway.postAsync("{ weather }");
      CompletableFuture<ResilienceHarness.Response> b =
          gateway.postAsync("{ weather(city: \"Oslo\") }");
      a.join();
      b.join();
      assertThat(count(flaky)).isEqualTo(2);
    }
  }

  @Test
  void deduplicationKeepsCallsWithDifferentForwardedHeadersApart() throws Exception {
    try (ResilienceHarness gateway =
        ResilienceHarness.start(
            flaky,
            stable,
            """
            headers:
              all:
                propagate:
                  - named: x-user
            """)) {
      slowFlaky();
      CompletableFuture<ResilienceHarness.Response> ada1 =
          gateway.postAsync("{ weather }", "x-user", "ada");
      CompletableFuture<ResilienceHarness.Response> ada2 =
          gateway.postAsync("{ weather }", "x-user", "ada");
      CompletableFuture<ResilienceHarness.Response> bob =
          gateway.postAsync("{ weather }", "x-user", "bob");
      for (CompletableFuture<ResilienceHarness.Response> f : List.of(ada1, ada2, bob)) {
        assertThat(f.join().json().at("/data/weather").asText()).isEqualTo("sunny");
      }
      assertThat(
              flaky
                  .countRequestsMatching(
                      WireMock.postRequestedFor(urlEqualTo("/graphql"))
                          .withHeader("x-user", WireMock.equalTo("ada"))
                          .build())
                  .getCount())
          .isEqualTo(1);
      assertThat(count(flaky)).isEqualTo(2);
      assertThat(gateway.scrape())
          .contains("junction_subgraph_deduplicated_total{subgraph=\"flaky\"} 1.0");
    }
  }

  @Test
  void mutationsAreNeverDeduplicated() throws Exception {
    try (ResilienceHarness gateway = ResilienceHarness.start(flaky, stable, "")) {
      flaky.stubFor(
          WireMock.post(urlEqualTo("/graphql"))
              .willReturn(okJson("{\"data\":{\"vote\":true}}").withFixedDelay(300)));
      CompletableFuture<ResilienceHarness.Response> a =
          gateway.postAsync("mutation { vote(id: \"1\") }");
      CompletableFuture<ResilienceHarness.Response> b =
          gateway.postAsync("mutation { vote(id: \"1\") }");
      assertThat(a.join().json().at("/data/vote").asBoolean()).isTrue();
      assertThat(b.join().json().at("/data/vote").asBoolean()).isTrue();
      assertThat(count(flaky)).isEqualTo(2);
    }
  }
}
