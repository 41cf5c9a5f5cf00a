package dev.junction.client.transport;

/** The circuit breaker is open: the call was refused without contacting the server. */
public final class CircuitOpenException extends TransportException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public CircuitOpenException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean countsAsFailure() {
    return false;
  }
}
