package dev.junction.subgraph.common.events;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * {@link EventHub} within one JVM: one multicast sink per key that has subscribers, created by the
 * first subscriber and removed with the last, so publishing to a key nobody watches is a map lookup
 * and keeps nothing. Every subscriber has its own buffer of {@code bufferSize} events; one that
 * overflows it is cut off at once and fails alone, after the events buffered (the others and the
 * publisher go on).
 */
public final class InProcessEventHub<E> implements EventHub<E> {
  /** The default number of events a slow subscriber may fall behind by. */
  public static final int DEFAULT_BUFFER = 256;

  private final Map<String, Channel<E>> channels = new ConcurrentHashMap<>();
  private final int bufferSize;

  private static final class Channel<E> {
    final Sinks.Many<E> sink = Sinks.many().multicast().directBestEffort();
    final AtomicInteger subscribers = new AtomicInteger();
  }

  public InProcessEventHub() {
    this(DEFAULT_BUFFER);
  }

  /**
   * @param bufferSize the events each subscriber may fall behind by before it fails
   */
  public InProcessEventHub(int bufferSize) {
    if (bufferSize < 1) {
      throw new IllegalArgumentException("bufferSize must be at least 1");
    }
    this.bufferSize = bufferSize;
  }

  @Override
  public void publish(String key, E event) {
    Objects.requireNonNull(event, "event");
    Channel<E> channel = channels.get(key);
    if (channel != null) {
      // directBestEffort: a subscriber without demand would miss it, but every subscriber below
      // requests without bound (into its own bounded buffer). Emissions for one key are
      // serialised here, so none fails as concurrent; no failure terminates the shared sink.
      synchronized (channel) {
        channel.sink.tryEmitNext(event);
      }
    }
  }

  @Override
  public Flux<E> subscribe(String key) {
    Objects.requireNonNull(key, "key");
    return Flux.defer(
        () -> {
          Channel<E> channel = acquire(key);
          return channel
              .sink
              .asFlux()
              // before the buffer: an overflow cancels the sink subscription at once
              .doFinally(signal -> release(key, channel))
              .onBackpressureBuffer(bufferSize, BufferOverflowStrategy.ERROR);
        });
  }

  /** The number of keys that have subscribers now (for tests and metrics). */
  public int activeKeys() {
    return channels.size();
  }

  private Channel<E> acquire(String key) {
    return channels.compute(
        key,
        (k, existing) -> {
          Channel<E> channel = existing == null ? new Channel<>() : existing;
          channel.subscribers.incrementAndGet();
          return channel;
        });
  }

  private void release(String key, Channel<E> channel) {
    channels.computeIfPresent(
        key,
        (k, current) -> {
          if (current != channel) {
            return current;
          }
          return channel.subscribers.decrementAndGet() == 0 ? null : channel;
        });
  }
}
