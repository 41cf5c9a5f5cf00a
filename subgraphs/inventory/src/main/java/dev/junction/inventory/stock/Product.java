package dev.junction.inventory.stock;

/**
 * The inventory's view of the {@code Product} entity: its id and stock. Inventory does not know the
 * catalog, so any product id is a valid reference; an id it holds no stock for has stock 0. (DGS
 * resolves the {@code _Entity} type from the simple class name, hence the name.)
 */
public record Product(String id, Stock stock) {
  /** Whether any unit is available in any warehouse. */
  public boolean inStock() {
    return stock.available() > 0;
  }
}
