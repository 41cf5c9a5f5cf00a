package dev.junction.catalog.product;

import dev.junction.subgraph.common.money.Money;

/**
 * A product row of the catalog. The GraphQL fields {@code price} and {@code dimensions} are derived
 * from the price and size columns.
 */
public record Product(
    String id,
    String sku,
    String name,
    String description,
    long priceCents,
    String currency,
    String barcode,
    int weightGrams,
    int lengthMm,
    int widthMm,
    int heightMm) {

  /** The price as {@link Money}. */
  public Money price() {
    return Money.ofCents(priceCents, currency);
  }

  /** The package dimensions. */
  public Dimensions dimensions() {
    return new Dimensions(lengthMm, widthMm, heightMm);
  }
}
