package dev.junction.orders.saga;

/**
 * An unexpected failure of {@code placeOrder}, carrying the idempotency key and the order id (when
 * one was assigned) so that the log line of the generic {@code INTERNAL_SERVER_ERROR} the client
 * gets names them next to the cause.
 */
public class PlaceOrderFailure extends RuntimeException {
  public PlaceOrderFailure(String idempotencyKey, String orderId, String what, Throwable cause) {
    super(
        "placeOrder failed (idempotency key "
            + idempotencyKey
            + ", order "
            + (orderId == null ? "not assigned" : orderId)
            + "): "
            + what,
        cause);
  }
}
