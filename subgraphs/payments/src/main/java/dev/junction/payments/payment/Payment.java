package dev.junction.payments.payment;

import dev.junction.subgraph.common.money.Money;
import java.time.OffsetDateTime;

/**
 * A payment for an order (the {@code Payment} entity).
 *
 * @param customerId the customer whose order it pays (owner checks), null when unknown (a refund
 *     recorded before any charge, or a charge from an older saga)
 */
public record Payment(
    String id,
    String orderId,
    Money amount,
    PaymentStatus status,
    String providerReference,
    OffsetDateTime createdAt,
    String customerId) {

  /** A payment whose customer is not known. */
  public Payment(
      String id,
      String orderId,
      Money amount,
      PaymentStatus status,
      String providerReference,
      OffsetDateTime createdAt) {
    this(id, orderId, amount, status, providerReference, createdAt, null);
  }
}
