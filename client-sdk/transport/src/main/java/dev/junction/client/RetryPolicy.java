package dev.junction.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Retries for queries only: HTTP 503, 504 and 429 (honouring {@code Retry-After}) and connect
 * errors, with exponential backoff and jitter, all inside a total time budget.
 *
 * @param maxAttempts attempts including the first (1 disables retries)
 * @param initialBackoff the backoff before the second attempt
 * @param maxBackoff the cap of one backoff
 * @param jitter the random fraction removed from each backoff, 0..1
 * @param totalBudget time allowed for all attempts and waits together
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double jitter,
    Duration totalBudget) {

  /** Validates the settings. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1");
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be within 0..1");
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(totalBudget, "totalBudget");
  }

  /** 4 attempts, 100 ms doubling up to 2 s, 50 % jitter, 10 s budget. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        4, Duration.ofMillis(100), Duration.ofSeconds(2), 0.5, Duration.ofSeconds(10));
  }

  /** No retries. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0, Duration.ofDays(1));
  }

  /** The backoff before attempt {@code attempt + 1}; {@code random} is within [0, 1). */
  Duration backoff(int attempt, double random) {
    long base = initialBackoff.toNanos();
    long exp = base;
    for (int i = 1; i < attempt && exp < maxBackoff.toNanos(); i++) {
      exp = exp * 2;
    }
    exp = Math.min(exp, maxBackoff.toNanos());
    long jittered = (long) (exp * (1 - jitter * random));
    return Duration.ofNanos(jittered);
  }
}
