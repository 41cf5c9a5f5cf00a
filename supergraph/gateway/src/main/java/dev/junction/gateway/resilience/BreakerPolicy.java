package dev.junction.gateway.resilience;

import java.time.Duration;

/**
 * Circuit breaker of one subgraph (count-based sliding window).
 *
 * @param enabled whether calls go through a breaker at all
 * @param failureRateThreshold percentage of failed calls that opens the breaker
 * @param slowCallRateThreshold percentage of slow calls that opens the breaker
 * @param slowCallDuration calls slower than this are slow
 * @param minimumNumberOfCalls calls needed before rates are evaluated
 * @param slidingWindowSize calls the rates are computed over
 * @param waitDurationInOpenState how long the breaker stays open before letting probes through
 * @param permittedCallsInHalfOpenState probe calls in the half-open state
 */
public record BreakerPolicy(
    boolean enabled,
    float failureRateThreshold,
    float slowCallRateThreshold,
    Duration slowCallDuration,
    int minimumNumberOfCalls,
    int slidingWindowSize,
    Duration waitDurationInOpenState,
    int permittedCallsInHalfOpenState) {

  /** 50 % failures over the last 20 calls (at least 5), open for 10 s, 2 probes. */
  public static BreakerPolicy defaults() {
    return new BreakerPolicy(
        true, 50, 100, Duration.ofSeconds(10), 5, 20, Duration.ofSeconds(10), 2);
  }
}
