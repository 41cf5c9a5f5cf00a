package dev.junction.orders.saga;

/** The state of one saga step in the log. */
public enum SagaStepStatus {
  PENDING,
  STARTED,
  SUCCEEDED,
  FAILED,
  COMPENSATING,
  COMPENSATED,
  COMPENSATION_FAILED
}
