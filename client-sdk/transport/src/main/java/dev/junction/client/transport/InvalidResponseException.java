package dev.junction.client.transport;

/**
 * The server answered, but the body is not a GraphQL response, or its {@code data} does not have
 * the shape the operation selected.
 */
public final class InvalidResponseException extends TransportException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public InvalidResponseException(String message) {
    super(message, null);
  }

  /** Creates the exception with a cause. */
  public InvalidResponseException(String message, Throwable cause) {
    super(message, cause);
  }
}
