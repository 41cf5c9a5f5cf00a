package dev.junction.orders.saga;

/**
 * Called by the orchestrator at every durable boundary; a test implementation throws to simulate a
 * crash of the process at that point. The production hook does nothing.
 */
@FunctionalInterface
public interface CrashHook {
  /** The hook that never crashes. */
  CrashHook NONE = (point, orderId, step) -> {};

  /** Throws to abort the orchestrator at {@code point} of {@code step} of the saga of the order. */
  void at(CrashPoint point, String orderId, SagaStepName step);
}
