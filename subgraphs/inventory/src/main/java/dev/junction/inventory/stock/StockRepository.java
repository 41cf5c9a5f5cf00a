package dev.junction.inventory.stock;

import dev.junction.inventory.warehouse.Warehouse;
import io.r2dbc.spi.Readable;
import java.util.Collection;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads and changes stock levels with explicit SQL. Every change of {@code reserved} is a
 * conditional UPDATE whose WHERE clause re-checks availability, so two transactions can never
 * reserve the same unit, whatever they read before.
 */
@Repository
public class StockRepository {
  private final DatabaseClient db;

  public StockRepository(DatabaseClient db) {
    this.db = db;
  }

  /** A row of stock joined with its warehouse. */
  public record StockWithWarehouse(String productId, WarehouseStock stock) {}

  /**
   * The stock of those products in every warehouse, with the warehouse, in one SELECT; ordered by
   * product and warehouse id.
   */
  public Flux<StockWithWarehouse> findByProductIds(Collection<String> productIds) {
    if (productIds.isEmpty()) {
      return Flux.empty();
    }
    return db.sql(
            "SELECT s.product_id, s.on_hand, s.reserved, w.id AS warehouse_id, w.name, w.city"
                + " FROM stock s JOIN warehouse w ON w.id = s.warehouse_id"
                + " WHERE s.product_id IN (:ids) ORDER BY s.product_id, w.id")
        .bind("ids", List.copyOf(productIds))
        .map(
            row -> {
              int onHand = intValue(row, "on_hand");
              int reserved = intValue(row, "reserved");
              Warehouse warehouse =
                  new Warehouse(
                      row.get("warehouse_id", String.class),
                      row.get("name", String.class),
                      row.get("city", String.class));
              return new StockWithWarehouse(
                  row.get("product_id", String.class),
                  new WarehouseStock(warehouse, onHand - reserved, reserved));
            })
        .all();
  }

  /**
   * Locks the stock rows of those products for the current transaction (in product and warehouse
   * order, so concurrent reservations lock in the same order and cannot deadlock) and returns them.
   */
  public Flux<StockLevel> lockByProductIds(Collection<String> productIds) {
    if (productIds.isEmpty()) {
      return Flux.empty();
    }
    return db.sql(
            "SELECT product_id, warehouse_id, on_hand, reserved FROM stock"
                + " WHERE product_id IN (:ids) ORDER BY product_id, warehouse_id FOR UPDATE")
        .bind("ids", List.copyOf(productIds))
        .map(StockRepository::level)
        .all();
  }

  /** One stock row, or empty. */
  public Mono<StockLevel> find(String productId, String warehouseId) {
    return db.sql(
            "SELECT product_id, warehouse_id, on_hand, reserved FROM stock"
                + " WHERE product_id = :p AND warehouse_id = :w")
        .bind("p", productId)
        .bind("w", warehouseId)
        .map(StockRepository::level)
        .one();
  }

  /**
   * Reserves {@code quantity} units in one warehouse if at least that many are available at the
   * moment of the UPDATE; emits whether it did.
   */
  public Mono<Boolean> reserve(String productId, String warehouseId, int quantity) {
    return db.sql(
            "UPDATE stock SET reserved = reserved + :q"
                + " WHERE product_id = :p AND warehouse_id = :w AND on_hand - reserved >= :q")
        .bind("q", quantity)
        .bind("p", productId)
        .bind("w", warehouseId)
        .fetch()
        .rowsUpdated()
        .map(n -> n == 1);
  }

  /** Gives back {@code quantity} reserved units if that many are reserved; emits whether it did. */
  public Mono<Boolean> release(String productId, String warehouseId, int quantity) {
    return db.sql(
            "UPDATE stock SET reserved = reserved - :q"
                + " WHERE product_id = :p AND warehouse_id = :w AND reserved >= :q")
        .bind("q", quantity)
        .bind("p", productId)
        .bind("w", warehouseId)
        .fetch()
        .rowsUpdated()
        .map(n -> n == 1);
  }

  /** The number of stock rows. */
  public Mono<Long> count() {
    return db.sql("SELECT COUNT(*) AS n FROM stock")
        .map(row -> ((Number) row.get("n")).longValue())
        .one();
  }

  /** Inserts a stock row with nothing reserved. */
  public Mono<Long> insert(String productId, String warehouseId, int onHand) {
    return db.sql(
            "INSERT INTO stock (product_id, warehouse_id, on_hand, reserved)"
                + " VALUES (:p, :w, :onHand, 0)")
        .bind("p", productId)
        .bind("w", warehouseId)
        .bind("onHand", onHand)
        .fetch()
        .rowsUpdated();
  }

  private static StockLevel level(Readable row) {
    return new StockLevel(
        row.get("product_id", String.class),
        row.get("warehouse_id", String.class),
        intValue(row, "on_hand"),
        intValue(row, "reserved"));
  }

  private static int intValue(Readable row, String column) {
    return ((Number) row.get(column)).intValue();
  }
}
