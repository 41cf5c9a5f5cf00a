package dev.junction.orders.saga;

/**
 * A failed call to another subgraph or service.
 *
 * @see #isTransient()
 */
public class RemoteCallException extends RuntimeException {
  private final String code;
  private final boolean transientFailure;

  public RemoteCallException(String code, String message, boolean transientFailure) {
    super(code + ": " + message);
    this.code = code;
    this.transientFailure = transientFailure;
  }

  /** A permanent failure: the same call would fail again (e.g. {@code INSUFFICIENT_STOCK}). */
  public static RemoteCallException permanent(String code, String message) {
    return new RemoteCallException(code, message, false);
  }

  /** A transient failure (time-out, 5xx, connection refused): the call may be retried. */
  public static RemoteCallException transientFailure(String code, String message) {
    return new RemoteCallException(code, message, true);
  }

  /** The error code ({@code extensions.code} of the remote error, or a transport code). */
  public String code() {
    return code;
  }

  /** Whether retrying the same call may succeed. */
  public boolean isTransient() {
    return transientFailure;
  }
}
