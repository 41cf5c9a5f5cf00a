package dev.junction.client;

import dev.junction.client.transport.TransportException;

/** More events arrived than a subscriber requested and the buffer holds; the stream was ended. */
public final class SubscriptionBufferOverflowException extends TransportException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public SubscriptionBufferOverflowException(String message) {
    super(message, null);
  }

  @Override
  public boolean countsAsFailure() {
    return false;
  }
}
