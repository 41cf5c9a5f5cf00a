package dev.junction.payments.payment;

/** The life cycle of a payment at the provider. */
public enum PaymentStatus {
  PENDING,
  AUTHORIZED,
  CAPTURED,
  DECLINED,
  REFUNDED,
  FAILED
}
