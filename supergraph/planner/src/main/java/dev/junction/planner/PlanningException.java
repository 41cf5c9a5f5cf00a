package dev.junction.planner;

/** The operation cannot be planned against this supergraph (the message says why). */
public class PlanningException extends RuntimeException {
  public PlanningException(String message) {
    super(message);
  }
}
