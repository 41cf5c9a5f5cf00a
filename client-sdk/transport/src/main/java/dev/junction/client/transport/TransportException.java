package dev.junction.client.transport;

/**
 * A failure to obtain a usable GraphQL response: the request did not complete, or the response was
 * not a GraphQL response. GraphQL errors inside a well-formed response are never exceptions; they
 * are returned in {@link dev.junction.client.GraphQLResult#errors()}.
 */
public abstract class TransportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  protected TransportException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether this failure counts against the circuit breaker (server or network trouble). */
  public boolean countsAsFailure() {
    return true;
  }
}
