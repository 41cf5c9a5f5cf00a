package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.resilience.BreakerPolicy;
import dev.junction.gateway.resilience.RetryPolicy;
import dev.junction.gateway.resilience.SubgraphPolicy;
import dev.junction.gateway.resilience.TrafficShaping;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrafficShapingConfigTest {
  private static RouterConfig parse(String yaml) {
    return new RouterConfigLoader(name -> null).parse(yaml, "router.yaml", null);
  }

  @Test
  void withoutTheSectionEverythingHasItsDefault() {
    TrafficShaping shaping = parse("introspection: true").trafficShaping();

    assertThat(shaping).isEqualTo(TrafficShaping.defaults());
    assertThat(shaping.requestDeadline()).isEqualTo(Duration.ofSeconds(30));
    assertThat(shaping.maxInFlight()).isZero();
    SubgraphPolicy policy = shaping.policyFor("anything");
    assertThat(policy.timeout()).isNull();
    assertThat(policy.retry().attempts()).isEqualTo(1);
    assertThat(policy.maxConcurrent()).isEqualTo(256);
    assertThat(policy.breaker().enabled()).isTrue();
    assertThat(policy.breaker().minimumNumberOfCalls()).isEqualTo(5);
    assertThat(policy.dedup()).isTrue();
  }

  @Test
  void subgraphSettingsOverrideAllKeyByKey() {
    RouterConfig config =
        parse(
            """
                traffic_shaping:
                  router:
                    request_deadline: 5s
                    max_in_flight: 100
                  all:
                    timeout: 1s
                    retry:
                      attempts: 3
                      initial_backoff: 100ms
                      max_backoff: 1s
                      multiplier: 1.5
                    bulkhead:
                      max_concurrent: 50
                    circuit_breaker:
                      failure_rate_threshold: 40
                      slow_call_rate_threshold: 80
                      slow_call_duration: 2s
                      minimum_number_of_calls: 10
                      sliding_window_size: 50
                      wait_duration_in_open_state: 20s
                      permitted_calls_in_half_open_state: 3
                    dedup: true
                  subgraphs:
                    payments:
                      timeout: 300ms
                      retry:
                        attempts: 1
                      dedup: false
                """);
    TrafficShaping shaping = config.trafficShaping();
    assertThat(config.toGatewayOptions().trafficShaping()).isEqualTo(shaping);

    assertThat(shaping.requestDeadline()).isEqualTo(Duration.ofSeconds(5));
    assertThat(shaping.maxInFlight()).isEqualTo(100);
    BreakerPolicy breaker =
        new BreakerPolicy(true, 40, 80, Duration.ofSeconds(2), 10, 50, Duration.ofSeconds(20), 3);
    assertThat(shaping.all())
        .isEqualTo(
            new SubgraphPolicy(
                Duration.ofSeconds(1),
                new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), 1.5),
                50,
                breaker,
                true));
    assertThat(shaping.policyFor("payments"))
        .isEqualTo(
            new SubgraphPolicy(
                Duration.ofMillis(300),
                new RetryPolicy(1, Duration.ofMillis(100), Duration.ofSeconds(1), 1.5),
                50,
                breaker,
                false));
    assertThat(shaping.policyFor("catalog")).isEqualTo(shaping.all());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "traffic_shaping: {rooter: {}}|unknown key 'traffic_shaping.rooter' in router.yaml (did you"
            + " mean 'router'?)",
        "traffic_shaping: {all: {retry: {atempts: 2}}}|unknown key"
            + " 'traffic_shaping.all.retry.atempts' in router.yaml (did you mean 'attempts'?)",
        "traffic_shaping: {subgraphs: {a: {circuit_breaker: {window: 2}}}}|unknown key"
            + " 'traffic_shaping.subgraphs.a.circuit_breaker.window' in router.yaml (expected one"
            + " of: enabled, failure_rate_threshold, minimum_number_of_calls,"
            + " permitted_calls_in_half_open_state, sliding_window_size, slow_call_duration,"
            + " slow_call_rate_threshold, wait_duration_in_open_state)",
        "traffic_shaping: {subgraphs: {a: {timeuot: 1s}}}|unknown key"
            + " 'traffic_shaping.subgraphs.a.timeuot' in router.yaml (did you mean 'timeout'?)",
        "traffic_shaping: {all: {timeout: 0ms}}|traffic_shaping.all.timeout: must be greater than"
            + " 0 and at most 1d",
        "traffic_shaping: {all: {timeout: soon}}|traffic_shaping.all.timeout: expected a duration"
            + " like 10s, got 'soon'",
        "traffic_shaping: {subgraphs: {a: {retry: {attempts: 0}}}}|traffic_shaping.subgraphs.a.retry.attempts:"
            + " expected an integer between 1 and 10, got 0",
        "traffic_shaping: {all: {retry: {multiplier: 0.5}}}|traffic_shaping.all.retry.multiplier:"
            + " expected a number between 1 and 10, got 0.5",
        "traffic_shaping: {all: {retry: {initial_backoff: 2s, max_backoff: 1s}}}|traffic_shaping.all.retry.max_backoff:"
            + " must not be shorter than initial_backoff (2000ms)",
        "traffic_shaping: {all: {bulkhead: {max_concurrent: -1}}}|traffic_shaping.all.bulkhead.max_concurrent:"
            + " expected an integer between 1 and 100000, got -1",
        "traffic_shaping: {all: {circuit_breaker: {failure_rate_threshold: 150}}}|traffic_shaping.all.circuit_breaker.failure_rate_threshold:"
            + " expected a number between 1 and 100, got 150",
        "traffic_shaping: {all: {circuit_breaker: {minimum_number_of_calls: 30, sliding_window_size:"
            + " 10}}}|traffic_shaping.all.circuit_breaker.minimum_number_of_calls: must not exceed"
            + " sliding_window_size (10)",
        "traffic_shaping: {all: {dedup: maybe}}|traffic_shaping.all.dedup: expected true or false,"
            + " got 'maybe'",
        "traffic_shaping: {router: {max_in_flight: lots}}|traffic_shaping.router.max_in_flight:"
            + " expected an integer, got 'lots'",
        "traffic_shaping: {subgraphs: {a: 5}}|traffic_shaping.subgraphs.a: expected a mapping, got"
            + " '5'",
      })
  void badSettingsAreErrorsNamingTheKey(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void warnsWhenTheWorstCaseExceedsTheDeadline() {
    TrafficShaping shaping =
        parse(
                """
                traffic_shaping:
                  router:
                    request_deadline: 1s
                  all:
                    timeout: 200ms
                  subgraphs:
                    slow:
                      timeout: 400ms
                      retry:
                        attempts: 3
                        initial_backoff: 100ms
                        max_backoff: 100ms
                """)
            .trafficShaping();

    // slow: 3 x 400 ms + 2 x 100 ms = 1400 ms > 1 s; all: 200 ms fits
    assertThat(TrafficShapingConfig.warnings(shaping))
        .containsExactly(
            "traffic_shaping.subgraphs.slow: worst case 1400 ms (3 attempt(s) x timeout 400 ms +"
                + " back-offs) exceeds traffic_shaping.router.request_deadline (1000 ms): later"
                + " attempts will be cut short");
  }

  @Test
  void subgraphNamesMustExistInTheSupergraph() {
    RouterConfig config = parse("traffic_shaping: {subgraphs: {acounts: {timeout: 1s}}}");

    assertThatThrownBy(() -> SupergraphSubgraphs.check(config, Set.of("accounts", "orders")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "traffic_shaping.subgraphs.acounts: the supergraph has no subgraph named 'acounts'"
                + " (subgraphs: accounts, orders)");
  }

  @Test
  void theShippedRouterYamlIsValid() {
    RouterConfig config =
        new RouterConfigLoader(name -> null).load(Path.of("../../router-config/router.yaml"));

    assertThat(config.trafficShaping().requestDeadline()).isEqualTo(Duration.ofSeconds(30));
    assertThat(TrafficShapingConfig.warnings(config.trafficShaping())).isEmpty();
  }
}
