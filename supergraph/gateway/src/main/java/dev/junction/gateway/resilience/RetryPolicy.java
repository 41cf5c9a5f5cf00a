package dev.junction.gateway.resilience;

import java.time.Duration;

/**
 * Retries of one subgraph call: queries only, on connect errors and HTTP 502/503/504, with
 * exponential back-off and jitter; {@code Retry-After} is honoured.
 *
 * @param attempts calls in all, the first included ({@code 1}: no retry)
 * @param initialBackoff pause before the first retry (before jitter)
 * @param maxBackoff longest pause; a {@code Retry-After} longer than this ends the retries
 * @param multiplier growth of the pause from one retry to the next
 */
public record RetryPolicy(
    int attempts, Duration initialBackoff, Duration maxBackoff, double multiplier) {
  /** Jitter: each pause is drawn from {@code pause * (1 ± JITTER)}. */
  public static final double JITTER = 0.5;

  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    if (multiplier < 1) {
      throw new IllegalArgumentException("multiplier must be at least 1");
    }
  }

  /** No retry. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ofMillis(50), Duration.ofSeconds(1), 2);
  }

  /** The longest pause before retry number {@code retry} (1-based), jitter included. */
  public Duration worstBackoff(int retry) {
    double base = initialBackoff.toMillis() * Math.pow(multiplier, retry - 1) * (1 + JITTER);
    return Duration.ofMillis((long) Math.min(base, maxBackoff.toMillis()));
  }
}
