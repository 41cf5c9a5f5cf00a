package dev.junction.inventory.stock;

/** One row of the stock table. */
public record StockLevel(String productId, String warehouseId, int onHand, int reserved) {
  /** Units that can still be reserved. */
  public int available() {
    return onHand - reserved;
  }
}
