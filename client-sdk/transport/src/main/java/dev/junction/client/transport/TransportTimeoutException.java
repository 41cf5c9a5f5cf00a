package dev.junction.client.transport;

/** The call did not complete within its time-out (or the retry budget ran out). */
public final class TransportTimeoutException extends TransportException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public TransportTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
