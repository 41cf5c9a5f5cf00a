package dev.junction.shipping.shipment;

import io.r2dbc.spi.Row;
import java.util.Collection;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Shipments, with explicit SQL; every read takes a collection of keys and runs one statement. */
@Repository
public class ShipmentRepository {
  private static final String COLUMNS = "id, order_id, status, carrier, tracking_number";

  private final DatabaseClient db;

  public ShipmentRepository(DatabaseClient db) {
    this.db = db;
  }

  /** The shipments with these ids (unknown ids are absent), in one SELECT. */
  public Flux<Shipment> findByIds(Collection<String> ids) {
    return findWhere("id", ids);
  }

  /** The shipments of these orders (an order has at most one), in one SELECT. */
  public Flux<Shipment> findByOrderIds(Collection<String> orderIds) {
    return findWhere("order_id", orderIds);
  }

  private Flux<Shipment> findWhere(String column, Collection<String> keys) {
    if (keys.isEmpty()) {
      return Flux.empty();
    }
    return db.sql("SELECT " + COLUMNS + " FROM shipment WHERE " + column + " IN (:keys)")
        .bind("keys", List.copyOf(keys))
        .map((row, meta) -> toShipment(row))
        .all();
  }

  /** The number of shipments. */
  public Mono<Long> count() {
    return db.sql("SELECT COUNT(*) AS n FROM shipment")
        .map((row, meta) -> row.get("n", Long.class))
        .one();
  }

  /** Inserts a shipment; a second shipment for the same order violates a unique constraint. */
  public Mono<Void> insert(Shipment shipment) {
    DatabaseClient.GenericExecuteSpec spec =
        db.sql(
                "INSERT INTO shipment (id, order_id, status, carrier, tracking_number)"
                    + " VALUES (:id, :orderId, :status, :carrier, :trackingNumber)")
            .bind("id", shipment.id())
            .bind("orderId", shipment.orderId())
            .bind("status", shipment.status().name())
            .bind("carrier", shipment.carrier());
    spec =
        shipment.trackingNumber() == null
            ? spec.bindNull("trackingNumber", String.class)
            : spec.bind("trackingNumber", shipment.trackingNumber());
    return spec.then();
  }

  /**
   * Inserts a shipment created for an order, with its delivery address; a second shipment for the
   * same order violates the unique constraint on {@code order_id}.
   */
  public Mono<Void> insert(Shipment shipment, String address) {
    DatabaseClient.GenericExecuteSpec spec =
        db.sql(
                "INSERT INTO shipment (id, order_id, status, carrier, tracking_number, address)"
                    + " VALUES (:id, :orderId, :status, :carrier, :trackingNumber, :address)")
            .bind("id", shipment.id())
            .bind("orderId", shipment.orderId())
            .bind("status", shipment.status().name())
            .bind("carrier", shipment.carrier());
    spec =
        shipment.trackingNumber() == null
            ? spec.bindNull("trackingNumber", String.class)
            : spec.bind("trackingNumber", shipment.trackingNumber());
    spec = address == null ? spec.bindNull("address", String.class) : spec.bind("address", address);
    return spec.then();
  }

  /** Cancels the shipment of an order if it has not left yet; emits the number of rows changed. */
  public Mono<Long> cancelIfNotShipped(String orderId) {
    return db.sql(
            "UPDATE shipment SET status = 'CANCELLED' WHERE order_id = :orderId"
                + " AND status IN ('PENDING', 'LABEL_CREATED')")
        .bind("orderId", orderId)
        .fetch()
        .rowsUpdated();
  }

  private static Shipment toShipment(Row row) {
    return new Shipment(
        row.get("id", String.class),
        row.get("order_id", String.class),
        ShipmentStatus.valueOf(row.get("status", String.class)),
        row.get("carrier", String.class),
        row.get("tracking_number", String.class));
  }
}
