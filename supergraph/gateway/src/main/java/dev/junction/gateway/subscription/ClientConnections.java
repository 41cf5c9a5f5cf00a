package dev.junction.gateway.subscription;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Long-lived connections (WebSockets, SSE streams) open per client key, at most a maximum each. */
public final class ClientConnections {
  private final int max;
  private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

  /**
   * @param max connections one client may hold open at once
   */
  public ClientConnections(int max) {
    this.max = max;
  }

  /** Takes a slot for {@code key}; false when the client already holds {@code max}. */
  public boolean tryAcquire(String key) {
    boolean[] ok = {false};
    open.compute(
        key,
        (k, n) -> {
          AtomicInteger count = n == null ? new AtomicInteger() : n;
          if (count.get() < max) {
            count.incrementAndGet();
            ok[0] = true;
          }
          return count.get() == 0 ? null : count;
        });
    return ok[0];
  }

  /** Gives back a slot taken by {@link #tryAcquire}. */
  public void release(String key) {
    open.computeIfPresent(key, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
  }

  /** Connections open now for {@code key}. */
  public int openFor(String key) {
    AtomicInteger n = open.get(key);
    return n == null ? 0 : n.get();
  }
}
