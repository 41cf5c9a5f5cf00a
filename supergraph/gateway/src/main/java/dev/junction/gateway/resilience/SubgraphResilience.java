package dev.junction.gateway.resilience;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * The Resilience4j registries of one gateway (one breaker, retry, bulkhead and time limiter per
 * subgraph, named after it), bound to a Micrometer registry.
 */
public final class SubgraphResilience {
  private final CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();
  private final RetryRegistry retries = RetryRegistry.ofDefaults();
  private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
  private final TimeLimiterRegistry timeLimiters = TimeLimiterRegistry.ofDefaults();
  private final MeterRegistry meters;
  private final Clock clock;

  /**
   * @param meters where breaker state, retries, bulkhead and time-limiter metrics go
   * @param clock the breakers' clock (how long they stay open)
   */
  public SubgraphResilience(MeterRegistry meters, Clock clock) {
    this.meters = meters;
    this.clock = clock;
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuitBreakers).bindTo(meters);
    TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
    TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
    TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(timeLimiters).bindTo(meters);
  }

  /** The circuit breakers, one per subgraph name (for inspection and manual transitions). */
  public CircuitBreakerRegistry circuitBreakers() {
    return circuitBreakers;
  }

  /** The bulkheads, one per subgraph name. */
  public BulkheadRegistry bulkheads() {
    return bulkheads;
  }

  RetryRegistry retries() {
    return retries;
  }

  TimeLimiterRegistry timeLimiters() {
    return timeLimiters;
  }

  MeterRegistry meters() {
    return meters;
  }

  Clock clock() {
    return clock;
  }
}
