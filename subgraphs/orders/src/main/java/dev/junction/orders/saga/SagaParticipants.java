package dev.junction.orders.saga;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The remote side of the checkout saga: the internal operations of the other subgraphs. Every
 * effectful operation is idempotent by order id (points: by reason), so a repeated call has its
 * effect once. Failures are {@link RemoteCallException}s.
 */
public interface SagaParticipants {

  /** Completes when the customer exists; fails permanently with {@code NOT_FOUND} otherwise. */
  Mono<Void> checkCustomer(String customerId);

  /** The current name and price of each product, in the order of the ids. */
  Mono<List<PricedProduct>> prices(List<String> productIds);

  /** Reserves stock for all lines of the order, or fails with {@code INSUFFICIENT_STOCK}. */
  Mono<Void> reserveStock(String orderId, List<Saga.RequestedLine> lines);

  /** Releases the order's reservation (nothing when there is none). */
  Mono<Void> releaseStock(String orderId);

  /** Charges the order, or fails permanently with {@code PAYMENT_DECLINED}. */
  Mono<Void> chargePayment(String orderId, long amountCents, String currency, String method);

  /**
   * Charges the order of {@code customerId}, which payments records for its owner checks; by
   * default the customer is not passed on.
   */
  default Mono<Void> chargePayment(
      String orderId, String customerId, long amountCents, String currency, String method) {
    return chargePayment(orderId, amountCents, currency, method);
  }

  /** Refunds the order's payment (nothing when there is none). */
  Mono<Void> refundPayment(String orderId);

  /** Credits loyalty points once per reason. */
  Mono<Void> creditPoints(String customerId, int points, String reason);

  /** Revokes loyalty points once per reason. */
  Mono<Void> revokePoints(String customerId, int points, String reason);

  /** Creates the order's shipment. */
  Mono<Void> createShipment(String orderId, String address);

  /** Cancels the order's shipment; fails permanently when it has already shipped. */
  Mono<Void> cancelShipment(String orderId);

  /** A product as the catalog has it now. */
  record PricedProduct(String id, String name, long priceCents, String currency) {}
}
