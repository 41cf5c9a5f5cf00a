package dev.junction.orders.order;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A position in the newest-first order of a customer's orders: the sort key {@code (placedAt desc,
 * id desc)} of the last order of a page. Rows strictly after it come next.
 */
public record OrderKeyset(OffsetDateTime placedAt, String id) {
  public OrderKeyset {
    Objects.requireNonNull(placedAt, "placedAt");
    Objects.requireNonNull(id, "id");
  }

  /** The keyset of an order. */
  public static OrderKeyset of(Order order) {
    return new OrderKeyset(order.placedAt(), order.id());
  }
}
