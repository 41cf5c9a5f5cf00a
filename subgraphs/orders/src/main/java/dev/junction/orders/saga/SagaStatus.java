package dev.junction.orders.saga;

/** The state of a saga; {@code COMPLETED} and {@code COMPENSATED} are terminal. */
public enum SagaStatus {
  RUNNING,
  COMPENSATING,
  COMPLETED,
  COMPENSATED;

  /** Whether the saga has finished. */
  public boolean terminal() {
    return this == COMPLETED || this == COMPENSATED;
  }
}
