package dev.junction.orders.order;

import dev.junction.subgraph.common.money.Money;

/**
 * One line of an order, with the product name and unit price as they were when the order was
 * placed; the source object of the {@code OrderLine} GraphQL type.
 *
 * @param currency the currency of the order the line belongs to
 */
public record OrderLine(
    String orderId,
    int lineNo,
    String productId,
    String productName,
    int quantity,
    long unitPriceCents,
    String currency) {

  /** The {@code product} field: id plus the name snapshot, so no catalog call is needed. */
  public Product product() {
    return new Product(productId, productName);
  }

  /** The {@code unitPrice} field. */
  public Money unitPrice() {
    return Money.ofCents(unitPriceCents, currency);
  }

  /** The {@code total} field: unit price times quantity. */
  public Money total() {
    return Money.ofCents(Math.multiplyExact(unitPriceCents, quantity), currency);
  }
}
