package dev.junction.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Subscription behaviour of a {@link GraphQLClient}.
 *
 * @param initialBackoff the wait before the first reconnection attempt
 * @param maxBackoff the longest wait between attempts (the wait doubles up to it)
 * @param maxAttempts consecutive failed connections (a lost socket or a refused connect) tolerated;
 *     one more ends every subscription on the socket with the last failure. Reset by an event.
 * @param bufferSize events held for a subscriber that has not requested them; one more is an error
 *     ({@link SubscriptionBufferOverflowException})
 * @param ackTimeout the time allowed for {@code connection_ack} after {@code connection_init}
 */
public record SubscriptionSettings(
    Duration initialBackoff,
    Duration maxBackoff,
    int maxAttempts,
    int bufferSize,
    Duration ackTimeout) {
  /** Validates. */
  public SubscriptionSettings {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(ackTimeout, "ackTimeout");
    if (maxAttempts < 1 || bufferSize < 1) {
      throw new IllegalArgumentException("maxAttempts and bufferSize must be at least 1");
    }
  }

  /** 250 ms doubling to 5 s, 5 attempts, 256 buffered events, 10 s for the ack. */
  public static SubscriptionSettings defaults() {
    return new SubscriptionSettings(
        Duration.ofMillis(250), Duration.ofSeconds(5), 5, 256, Duration.ofSeconds(10));
  }

  Duration backoff(int failures) {
    long millis = initialBackoff.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}
