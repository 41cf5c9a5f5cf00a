package dev.junction.orders.saga;

/** Thrown by a test crash hook: the orchestrator dies at that point, its memory is lost. */
final class SimulatedCrash extends RuntimeException {
  SimulatedCrash(CrashPoint point, SagaStepName step) {
    super("simulated crash at " + point + " of " + step, null, false, false);
  }

  /** A hook that crashes once, the first time the saga reaches {@code point} of {@code step}. */
  static CrashHook once(CrashPoint point, SagaStepName step) {
    boolean[] fired = {false};
    return (p, orderId, s) -> {
      synchronized (fired) {
        if (!fired[0] && p == point && s == step) {
          fired[0] = true;
          throw new SimulatedCrash(p, s);
        }
      }
    };
  }
}
