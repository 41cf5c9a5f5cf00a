package dev.junction.client.transport;

/** No connection could be established (refused, unreachable, connect time-out). */
public final class TransportConnectException extends TransportException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public TransportConnectException(String message, Throwable cause) {
    super(message, cause);
  }
}
