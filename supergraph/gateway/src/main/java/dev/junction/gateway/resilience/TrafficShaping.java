package dev.junction.gateway.resilience;

import java.time.Duration;
import java.util.Map;

/**
 * Gateway-wide and per-subgraph traffic shaping.
 *
 * @param requestDeadline the longest a client request may take, retries included
 * @param maxInFlight client requests served at once; more get 503 with {@code Retry-After} (0: no
 *     limit)
 * @param all policy of subgraphs without their own
 * @param subgraphs policies by subgraph name (already merged over {@code all})
 */
public record TrafficShaping(
    Duration requestDeadline,
    int maxInFlight,
    SubgraphPolicy all,
    Map<String, SubgraphPolicy> subgraphs) {
  /** Default request deadline. */
  public static final Duration DEFAULT_REQUEST_DEADLINE = Duration.ofSeconds(30);

  public TrafficShaping {
    subgraphs = Map.copyOf(subgraphs);
  }

  /** 30 s deadline, no in-flight limit, default policy everywhere. */
  public static TrafficShaping defaults() {
    return new TrafficShaping(DEFAULT_REQUEST_DEADLINE, 0, SubgraphPolicy.defaults(), Map.of());
  }

  /** The policy of one subgraph. */
  public SubgraphPolicy policyFor(String subgraph) {
    return subgraphs.getOrDefault(subgraph, all);
  }
}
