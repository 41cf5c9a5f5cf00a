package dev.junction.gateway.resilience;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Bounds a fetch by the client request's deadline. Every fetch arms one; almost none fire. A hashed
 * wheel (one daemon thread ticking every 10 ms) arms and cancels without waking any thread, where a
 * scheduled executor would be woken up by every fetch that becomes its earliest task.
 */
final class Deadline {
  private static final HashedWheelTimer TIMER =
      new HashedWheelTimer(
          r -> {
            Thread t = new Thread(r, "junction-deadlines");
            t.setDaemon(true);
            return t;
          },
          10,
          TimeUnit.MILLISECONDS,
          512);

  private Deadline() {}

  /**
   * {@code source}, or {@code onExpiry}'s value when it has not answered within {@code nanos} (then
   * {@code source} is cancelled).
   */
  static <T> Mono<T> within(Mono<T> source, long nanos, Supplier<T> onExpiry) {
    Mono<T> expiry =
        Mono.create(
            sink -> {
              Timeout timeout =
                  TIMER.newTimeout(t -> sink.success(onExpiry.get()), nanos, TimeUnit.NANOSECONDS);
              sink.onDispose(timeout::cancel);
            });
    return Mono.firstWithSignal(source, expiry);
  }
}
