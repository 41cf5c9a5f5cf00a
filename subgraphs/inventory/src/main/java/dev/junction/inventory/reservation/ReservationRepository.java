package dev.junction.inventory.reservation;

import java.util.ArrayList;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Reads and writes reservations and their lines with explicit SQL. */
@Repository
public class ReservationRepository {
  private final DatabaseClient db;

  public ReservationRepository(DatabaseClient db) {
    this.db = db;
  }

  private record Row(String orderId, String status, ReservedLine line) {}

  /** The reservation of that order with its lines (one SELECT), or empty. */
  public Mono<Reservation> findByOrderId(String orderId) {
    return db.sql(
            "SELECT r.order_id, r.status, l.product_id, l.warehouse_id, l.quantity"
                + " FROM reservation r LEFT JOIN reservation_line l ON l.order_id = r.order_id"
                + " WHERE r.order_id = :o ORDER BY l.product_id, l.warehouse_id")
        .bind("o", orderId)
        .map(
            row -> {
              String productId = row.get("product_id", String.class);
              ReservedLine line =
                  productId == null
                      ? null
                      : new ReservedLine(
                          productId,
                          row.get("warehouse_id", String.class),
                          ((Number) row.get("quantity")).intValue());
              return new Row(
                  row.get("order_id", String.class), row.get("status", String.class), line);
            })
        .all()
        .collectList()
        .flatMap(
            rows -> {
              if (rows.isEmpty()) {
                return Mono.empty();
              }
              List<ReservedLine> lines = new ArrayList<>();
              rows.forEach(
                  r -> {
                    if (r.line() != null) {
                      lines.add(r.line());
                    }
                  });
              Row first = rows.get(0);
              return Mono.just(
                  new Reservation(
                      first.orderId(),
                      ReservationStatus.valueOf(first.status()),
                      List.copyOf(lines)));
            });
  }

  /**
   * Inserts the reservation header with status RESERVED. A second insert for the same order fails
   * on the unique constraint (in PostgreSQL it first waits for a concurrent insert to commit or
   * roll back).
   */
  public Mono<Void> insert(String orderId) {
    return db.sql("INSERT INTO reservation (order_id, status) VALUES (:o, 'RESERVED')")
        .bind("o", orderId)
        .fetch()
        .rowsUpdated()
        .then();
  }

  /** Inserts one line of a reservation. */
  public Mono<Void> insertLine(String orderId, ReservedLine line) {
    return db.sql(
            "INSERT INTO reservation_line (order_id, product_id, warehouse_id, quantity)"
                + " VALUES (:o, :p, :w, :q)")
        .bind("o", orderId)
        .bind("p", line.productId())
        .bind("w", line.warehouseId())
        .bind("q", line.quantity())
        .fetch()
        .rowsUpdated()
        .then();
  }

  /**
   * Switches a RESERVED reservation to RELEASED; emits whether this call did it (false if the order
   * has no reservation or it was already released). Of concurrent calls only one wins.
   */
  public Mono<Boolean> markReleased(String orderId) {
    return db.sql(
            "UPDATE reservation SET status = 'RELEASED' WHERE order_id = :o AND status = 'RESERVED'")
        .bind("o", orderId)
        .fetch()
        .rowsUpdated()
        .map(n -> n == 1);
  }

  /** The number of reservations of that order (0 or 1 thanks to the unique constraint). */
  public Mono<Long> countByOrderId(String orderId) {
    return db.sql("SELECT COUNT(*) AS n FROM reservation WHERE order_id = :o")
        .bind("o", orderId)
        .map(row -> ((Number) row.get("n")).longValue())
        .one();
  }
}
