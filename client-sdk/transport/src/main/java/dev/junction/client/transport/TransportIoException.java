package dev.junction.client.transport;

/** Any other I/O failure while sending the request or reading the response. */
public final class TransportIoException extends TransportException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public TransportIoException(String message, Throwable cause) {
    super(message, cause);
  }
}
