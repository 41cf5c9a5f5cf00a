package dev.junction.orders.order;

import dev.junction.subgraph.common.money.Money;
import java.time.OffsetDateTime;

/**
 * An order row, also the source object of the {@code Order} GraphQL type (the class name must match
 * the type name for the federation type resolver). {@code lines} and {@code customer} are resolved
 * by data fetchers.
 *
 * @param totalCents the sum of the line totals, kept on the order so that a page of orders needs no
 *     line lookup
 */
public record Order(
    String id,
    String customerId,
    OrderStatus status,
    OffsetDateTime placedAt,
    long totalCents,
    String currency) {

  /** The {@code total} field. */
  public Money total() {
    return Money.ofCents(totalCents, currency);
  }
}
