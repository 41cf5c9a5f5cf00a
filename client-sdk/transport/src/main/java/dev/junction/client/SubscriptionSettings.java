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
 * @param keepAlive after this long without a message from the server the client sends a {@code
 *     ping}, and after twice this long it takes the socket for lost and reconnects (a connection
 *     can die without any notice reaching the client: a half-open TCP connection, a socket the JDK
 *     does not report); {@link Duration#ZERO} turns it off
 */
public record SubscriptionSettings(
    Duration initialBackoff,
    Duration maxBackoff,
    int maxAttempts,
    int bufferSize,
    Duration ackTimeout,
    Duration keepAlive) {
  /** Validates. */
  public SubscriptionSettings {
    Objects.requireNonNull(keepAlive, "keepAlive");
    if (keepAlive.isNegative()) {
      throw new IllegalArgumentException("keepAlive must not be negative");
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(ackTimeout, "ackTimeout");
    if (maxAttempts < 1 || bufferSize < 1) {
      throw new IllegalArgumentException("maxAttempts and bufferSize must be at least 1");
    }
  }

  /** Settings with the default keep-alive of 15 s. */
  public SubscriptionSettings(
      Duration initialBackoff,
      Duration maxBackoff,
      int maxAttempts,
      int bufferSize,
      Duration ackTimeout) {
    this(initialBackoff, maxBackoff, maxAttempts, bufferSize, ackTimeout, DEFAULT_KEEP_ALIVE);
  }

  private static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

  /**
   * 250 ms doubling to 5 s, 5 attempts, 256 buffered events, 10 s for the ack, a ping after 15 s of
   * silence.
   */
  public static SubscriptionSettings defaults() {
    return new SubscriptionSettings(
        Duration.ofMillis(250), Duration.ofSeconds(5), 5, 256, Duration.ofSeconds(10));
  }

  Duration backoff(int failures) {
    long millis = initialBackoff.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}
