package dev.junction.payments.payment;

import dev.junction.subgraph.common.money.Money;
import java.time.OffsetDateTime;

/** A payment for an order (the {@code Payment} entity). */
public record Payment(
    String id,
    String orderId,
    Money amount,
    PaymentStatus status,
    String providerReference,
    OffsetDateTime createdAt) {}
