package dev.junction.orders.order;

/** The life cycle of an order; the names are the {@code OrderStatus} GraphQL enum values. */
public enum OrderStatus {
  PENDING,
  CONFIRMED,
  SHIPPED,
  DELIVERED,
  CANCELLED,
  REJECTED
}
