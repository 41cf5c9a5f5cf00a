package dev.junction.orders.saga;

/** The durable boundaries of a saga step, where a test can make the orchestrator crash. */
public enum CrashPoint {
  /** The intent is logged; the remote call has not been made. */
  BEFORE_CALL,
  /** The remote call has taken effect; its outcome is not logged yet. */
  AFTER_EFFECT,
  /** The outcome is logged. */
  AFTER_LOG,
  /** The compensation intent is logged; the compensating call has not been made. */
  BEFORE_COMPENSATION,
  /** The compensating call has taken effect; its outcome is not logged yet. */
  AFTER_COMPENSATION_EFFECT,
  /** The compensation outcome is logged. */
  AFTER_COMPENSATION_LOG
}
