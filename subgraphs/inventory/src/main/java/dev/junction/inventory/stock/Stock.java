package dev.junction.inventory.stock;

import java.util.List;

/** A product's stock summed over all warehouses; {@code available} is on hand minus reserved. */
public record Stock(int available, int reserved, List<WarehouseStock> byWarehouse) {
  /** No stock anywhere. */
  public static final Stock NONE = new Stock(0, 0, List.of());

  /** Sums the per-warehouse figures. */
  public static Stock of(List<WarehouseStock> byWarehouse) {
    int available = 0;
    int reserved = 0;
    for (WarehouseStock ws : byWarehouse) {
      available += ws.available();
      reserved += ws.reserved();
    }
    return new Stock(available, reserved, List.copyOf(byWarehouse));
  }
}
