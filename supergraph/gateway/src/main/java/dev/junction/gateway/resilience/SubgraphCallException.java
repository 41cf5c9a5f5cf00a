package dev.junction.gateway.resilience;

import dev.junction.gateway.execution.SubgraphClient;
import java.time.Duration;

/**
 * A failed attempt, as an error the Resilience4j operators see (the breaker counts it, the retry
 * decides on it). Carries the decision to retry and the pause before the retry.
 */
final class SubgraphCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient SubgraphClient.Result result;
  private final transient Duration backoff;

  /**
   * @param backoff the pause before the next attempt, or null when this failure is final
   */
  SubgraphCallException(SubgraphClient.Result result, Duration backoff) {
    super(result.failureMessage(), null, false, false);
    this.result = result;
    this.backoff = backoff;
  }

  SubgraphClient.Result result() {
    return result;
  }

  boolean retryable() {
    return backoff != null;
  }

  long backoffMillis() {
    return backoff == null ? 0 : backoff.toMillis();
  }
}
