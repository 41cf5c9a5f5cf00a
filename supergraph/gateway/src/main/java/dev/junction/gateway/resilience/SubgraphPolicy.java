package dev.junction.gateway.resilience;

import java.time.Duration;

/**
 * Every resilience setting of one subgraph.
 *
 * @param timeout time-out of one attempt ({@code SUBGRAPH_TIMEOUT}), or null for none beyond the
 *     request deadline and the transport time-out
 * @param retry retries of queries
 * @param maxConcurrent bulkhead: calls in flight at once; more fail at once ({@code
 *     SUBGRAPH_BULKHEAD_FULL}); also the size of the connection pool
 * @param breaker circuit breaker ({@code CIRCUIT_OPEN} while open)
 * @param dedup whether identical in-flight queries (same body, same forwarded headers) share one
 *     call
 */
public record SubgraphPolicy(
    Duration timeout, RetryPolicy retry, int maxConcurrent, BreakerPolicy breaker, boolean dedup) {
  /** Default bulkhead and pool size. */
  public static final int DEFAULT_MAX_CONCURRENT = 256;

  public SubgraphPolicy {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be at least 1");
    }
  }

  /** No per-attempt time-out, no retry, 256 concurrent calls, default breaker, dedup on. */
  public static SubgraphPolicy defaults() {
    return new SubgraphPolicy(
        null, RetryPolicy.none(), DEFAULT_MAX_CONCURRENT, BreakerPolicy.defaults(), true);
  }

  /**
   * The longest a query to this subgraph can take: every attempt timing out plus the longest
   * pauses; null when there is no per-attempt time-out.
   */
  public Duration worstCase() {
    if (timeout == null) {
      return null;
    }
    Duration total = timeout.multipliedBy(retry.attempts());
    for (int i = 1; i < retry.attempts(); i++) {
      total = total.plus(retry.worstBackoff(i));
    }
    return total;
  }
}
