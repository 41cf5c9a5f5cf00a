package dev.junction.gateway.config;

import dev.junction.gateway.resilience.BreakerPolicy;
import dev.junction.gateway.resilience.RetryPolicy;
import dev.junction.gateway.resilience.SubgraphPolicy;
import dev.junction.gateway.resilience.TrafficShaping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code traffic_shaping:} section: {@code router} (request deadline, in-flight limit), {@code
 * all} (every subgraph) and {@code subgraphs.<name>} (overrides {@code all} key by key).
 */
public final class TrafficShapingConfig {
  private static final Set<String> KEYS = Set.of("router", "all", "subgraphs");
  private static final Set<String> ROUTER_KEYS = Set.of("request_deadline", "max_in_flight");
  private static final Set<String> POLICY_KEYS =
      Set.of("timeout", "retry", "bulkhead", "circuit_breaker", "dedup");
  private static final Set<String> RETRY_KEYS =
      Set.of("attempts", "initial_backoff", "max_backoff", "multiplier");
  private static final Set<String> BULKHEAD_KEYS = Set.of("max_concurrent");
  private static final Set<String> BREAKER_KEYS =
      Set.of(
          "enabled",
          "failure_rate_threshold",
          "slow_call_rate_threshold",
          "slow_call_duration",
          "minimum_number_of_calls",
          "sliding_window_size",
          "wait_duration_in_open_state",
          "permitted_calls_in_half_open_state");
  private static final Duration MAX_DURATION = Duration.ofDays(1);

  private TrafficShapingConfig() {}

  static TrafficShaping from(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(KEYS);
    ConfigNode.Mapping router = m.get("router").mapping(ROUTER_KEYS);
    Duration deadline =
        positive(router.get("request_deadline"), TrafficShaping.DEFAULT_REQUEST_DEADLINE);
    int maxInFlight = (int) router.get("max_in_flight").integer(0, 0, 1_000_000);
    ConfigNode allNode = m.get("all");
    SubgraphPolicy all = policy(allNode);
    Map<String, SubgraphPolicy> subgraphs = new LinkedHashMap<>();
    m.get("subgraphs")
        .entries()
        .forEach(
            (name, sub) -> {
              sub.mapping(POLICY_KEYS); // unknown keys are reported at their own path
              subgraphs.put(name, policy(sub.withValue(merge(allNode.raw(), sub.raw()))));
            });
    return new TrafficShaping(deadline, maxInFlight, all, subgraphs);
  }

  /**
   * Settings whose worst case does not fit the request deadline: a subgraph whose attempts,
   * time-outs and pauses add up to more than the deadline is cut short by it.
   */
  public static List<String> warnings(TrafficShaping shaping) {
    List<String> out = new ArrayList<>();
    Duration deadline = shaping.requestDeadline();
    Map<String, SubgraphPolicy> named = new LinkedHashMap<>();
    named.put("traffic_shaping.all", shaping.all());
    shaping.subgraphs().forEach((name, p) -> named.put("traffic_shaping.subgraphs." + name, p));
    named.forEach(
        (path, p) -> {
          Duration worst = p.worstCase();
          if (worst != null && worst.compareTo(deadline) > 0) {
            out.add(
                path
                    + ": worst case "
                    + worst.toMillis()
                    + " ms ("
                    + p.retry().attempts()
                    + " attempt(s) x timeout "
                    + p.timeout().toMillis()
                    + " ms + back-offs) exceeds traffic_shaping.router.request_deadline ("
                    + deadline.toMillis()
                    + " ms): later attempts will be cut short");
          }
        });
    return out;
  }

  private static SubgraphPolicy policy(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(POLICY_KEYS);
    ConfigNode timeoutNode = m.get("timeout");
    Duration timeout = timeoutNode.isAbsent() ? null : positive(timeoutNode, null);
    SubgraphPolicy defaults = SubgraphPolicy.defaults();
    RetryPolicy retry = retry(m.get("retry"), defaults.retry());
    int maxConcurrent =
        (int)
            m.get("bulkhead")
                .mapping(BULKHEAD_KEYS)
                .get("max_concurrent")
                .integer(defaults.maxConcurrent(), 1, 100_000);
    BreakerPolicy breaker = breaker(m.get("circuit_breaker"), defaults.breaker());
    boolean dedup = m.get("dedup").bool(defaults.dedup());
    return new SubgraphPolicy(timeout, retry, maxConcurrent, breaker, dedup);
  }

  private static RetryPolicy retry(ConfigNode node, RetryPolicy d) {
    ConfigNode.Mapping m = node.mapping(RETRY_KEYS);
    int attempts = (int) m.get("attempts").integer(d.attempts(), 1, 10);
    Duration initial = positive(m.get("initial_backoff"), d.initialBackoff());
    ConfigNode maxNode = m.get("max_backoff");
    Duration max =
        positive(maxNode, d.maxBackoff().compareTo(initial) < 0 ? initial : d.maxBackoff());
    if (max.compareTo(initial) < 0) {
      throw maxNode.bad("must not be shorter than initial_backoff (" + initial.toMillis() + "ms)");
    }
    double multiplier = m.get("multiplier").decimal(d.multiplier(), 1, 10);
    return new RetryPolicy(attempts, initial, max, multiplier);
  }

  private static BreakerPolicy breaker(ConfigNode node, BreakerPolicy d) {
    ConfigNode.Mapping m = node.mapping(BREAKER_KEYS);
    boolean enabled = m.get("enabled").bool(d.enabled());
    float failureRate =
        (float) m.get("failure_rate_threshold").decimal(d.failureRateThreshold(), 1, 100);
    float slowRate =
        (float) m.get("slow_call_rate_threshold").decimal(d.slowCallRateThreshold(), 1, 100);
    Duration slowCall = positive(m.get("slow_call_duration"), d.slowCallDuration());
    int window = (int) m.get("sliding_window_size").integer(d.slidingWindowSize(), 1, 10_000);
    ConfigNode minNode = m.get("minimum_number_of_calls");
    int minCalls = (int) minNode.integer(Math.min(d.minimumNumberOfCalls(), window), 1, 10_000);
    if (minCalls > window) {
      throw minNode.bad("must not exceed sliding_window_size (" + window + ")");
    }
    Duration open = positive(m.get("wait_duration_in_open_state"), d.waitDurationInOpenState());
    int halfOpen =
        (int)
            m.get("permitted_calls_in_half_open_state")
                .integer(d.permittedCallsInHalfOpenState(), 1, 1_000);
    return new BreakerPolicy(
        enabled, failureRate, slowRate, slowCall, minCalls, window, open, halfOpen);
  }

  private static Duration positive(ConfigNode node, Duration fallback) {
    Duration d = node.duration(fallback);
    if (d != null && (d.isZero() || d.compareTo(MAX_DURATION) > 0)) {
      throw node.bad("must be greater than 0 and at most 1d");
    }
    return d;
  }

  /** {@code override} over {@code base}, key by key, nested mappings merged too. */
  @SuppressWarnings("unchecked")
  private static Object merge(Object base, Object override) {
    if (base instanceof Map<?, ?> b && override instanceof Map<?, ?> o) {
      Map<Object, Object> out = new LinkedHashMap<>(b);
      o.forEach((k, v) -> out.put(k, out.containsKey(k) ? merge(out.get(k), v) : v));
      return out;
    }
    return override == null ? base : override;
  }
}
