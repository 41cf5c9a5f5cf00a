package dev.junction.orders.order;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Orders and their lines, with explicit SQL. Every read takes a collection of keys and runs one
 * statement, so that the DataLoaders above it can batch.
 */
@Repository
public class OrderRepository {
  private static final String ORDER_COLUMNS =
      "id, customer_id, status, placed_at, total_cents, currency";

  private final DatabaseClient db;
  private final TransactionalOperator tx;

  public OrderRepository(DatabaseClient db, TransactionalOperator tx) {
    this.db = db;
    this.tx = tx;
  }

  /** The orders with these ids (unknown ids are absent), in one SELECT. */
  public Flux<Order> findByIds(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Flux.empty();
    }
    return db.sql("SELECT " + ORDER_COLUMNS + " FROM orders WHERE id IN (:ids)")
        .bind("ids", List.copyOf(ids))
        .map((row, meta) -> toOrder(row))
        .all();
  }

  /** All lines of these orders, ordered by order id and line number, in one SELECT. */
  public Flux<OrderLine> findLinesByOrderIds(Collection<String> orderIds) {
    if (orderIds.isEmpty()) {
      return Flux.empty();
    }
    return db.sql(
            "SELECT l.order_id, l.line_no, l.product_id, l.product_name, l.quantity,"
                + " l.unit_price_cents, o.currency"
                + " FROM order_line l JOIN orders o ON o.id = l.order_id"
                + " WHERE l.order_id IN (:ids) ORDER BY l.order_id, l.line_no")
        .bind("ids", List.copyOf(orderIds))
        .map(
            (row, meta) ->
                new OrderLine(
                    row.get("order_id", String.class),
                    row.get("line_no", Integer.class),
                    row.get("product_id", String.class),
                    row.get("product_name", String.class),
                    row.get("quantity", Integer.class),
                    row.get("unit_price_cents", Long.class),
                    row.get("currency", String.class)))
        .all();
  }

  /**
   * Up to {@code limit} orders of each of these customers, newest first ({@code placed_at desc, id
   * desc}), starting strictly after {@code after} when it is not null; one SELECT for all customers
   * (a window function ranks each customer's orders). Results are grouped by customer.
   */
  public Flux<Order> findNewestByCustomers(
      Collection<String> customerIds, OrderKeyset after, int limit) {
    if (customerIds.isEmpty() || limit <= 0) {
      return Flux.empty();
    }
    String keyset =
        after == null
            ? ""
            : " AND (placed_at < :afterAt OR (placed_at = :afterAtEq AND id < :afterId))";
    DatabaseClient.GenericExecuteSpec spec =
        db.sql(
                "SELECT "
                    + ORDER_COLUMNS
                    + " FROM (SELECT "
                    + ORDER_COLUMNS
                    + ", ROW_NUMBER() OVER (PARTITION BY customer_id"
                    + " ORDER BY placed_at DESC, id DESC) AS rn"
                    + " FROM orders WHERE customer_id IN (:customerIds)"
                    + keyset
                    + ") ranked WHERE rn <= :limit"
                    + " ORDER BY customer_id, placed_at DESC, id DESC")
            .bind("customerIds", List.copyOf(customerIds))
            .bind("limit", limit);
    if (after != null) {
      spec =
          spec.bind("afterAt", after.placedAt())
              .bind("afterAtEq", after.placedAt())
              .bind("afterId", after.id());
    }
    return spec.map((row, meta) -> toOrder(row)).all();
  }

  /** The number of orders. */
  public Mono<Long> count() {
    return db.sql("SELECT COUNT(*) AS n FROM orders")
        .map((row, meta) -> row.get("n", Long.class))
        .one();
  }

  /**
   * Inserts an order and its lines in one transaction (joining the caller's, if any). The lines'
   * order ids and currencies must be the order's, and the order's total must be their sum.
   */
  public Mono<Void> insert(Order order, List<OrderLine> lines) {
    long sum = 0;
    for (OrderLine line : lines) {
      if (!line.orderId().equals(order.id()) || !line.currency().equals(order.currency())) {
        return Mono.error(
            new IllegalArgumentException("line " + line.lineNo() + " is not of " + order.id()));
      }
      sum += line.total().cents();
    }
    if (sum != order.totalCents()) {
      return Mono.error(
          new IllegalArgumentException(
              "total of " + order.id() + " is " + order.totalCents() + ", lines sum to " + sum));
    }
    Mono<Void> head =
        db.sql(
                "INSERT INTO orders (id, customer_id, status, placed_at, total_cents, currency)"
                    + " VALUES (:id, :customerId, :status, :placedAt, :totalCents, :currency)")
            .bind("id", order.id())
            .bind("customerId", order.customerId())
            .bind("status", order.status().name())
            .bind("placedAt", order.placedAt())
            .bind("totalCents", order.totalCents())
            .bind("currency", order.currency())
            .then();
    Flux<Long> body =
        Flux.fromIterable(lines)
            .concatMap(
                line ->
                    db.sql(
                            "INSERT INTO order_line (order_id, line_no, product_id, product_name,"
                                + " quantity, unit_price_cents) VALUES (:orderId, :lineNo,"
                                + " :productId, :productName, :quantity, :unitPriceCents)")
                        .bind("orderId", line.orderId())
                        .bind("lineNo", line.lineNo())
                        .bind("productId", line.productId())
                        .bind("productName", line.productName())
                        .bind("quantity", line.quantity())
                        .bind("unitPriceCents", line.unitPriceCents())
                        .fetch()
                        .rowsUpdated());
    return head.thenMany(body).then().as(tx::transactional);
  }

  /** Inserts a new order without lines (total 0), as placed before pricing. */
  public Mono<Void> insertPending(String id, String customerId, OffsetDateTime placedAt) {
    return db.sql(
            "INSERT INTO orders (id, customer_id, status, placed_at, total_cents, currency)"
                + " VALUES (:id, :customerId, 'PENDING', :placedAt, 0, 'EUR')")
        .bind("id", id)
        .bind("customerId", customerId)
        .bind("placedAt", placedAt)
        .then();
  }

  /**
   * Replaces the lines of an order and sets its total to their sum (joins the caller's
   * transaction); all lines must be in one currency.
   */
  public Mono<Void> replaceLines(String orderId, List<OrderLine> lines) {
    long sum = 0;
    for (OrderLine line : lines) {
      sum = Math.addExact(sum, line.total().cents());
    }
    String currency = lines.isEmpty() ? "EUR" : lines.get(0).currency();
    Flux<Long> inserts =
        Flux.fromIterable(lines)
            .concatMap(
                line ->
                    db.sql(
                            "INSERT INTO order_line (order_id, line_no, product_id, product_name,"
                                + " quantity, unit_price_cents) VALUES (:orderId, :lineNo,"
                                + " :productId, :productName, :quantity, :unitPriceCents)")
                        .bind("orderId", orderId)
                        .bind("lineNo", line.lineNo())
                        .bind("productId", line.productId())
                        .bind("productName", line.productName())
                        .bind("quantity", line.quantity())
                        .bind("unitPriceCents", line.unitPriceCents())
                        .fetch()
                        .rowsUpdated());
    return db.sql("DELETE FROM order_line WHERE order_id = :id")
        .bind("id", orderId)
        .then()
        .thenMany(inserts)
        .then(
            db.sql("UPDATE orders SET total_cents = :total, currency = :currency WHERE id = :id")
                .bind("total", sum)
                .bind("currency", currency)
                .bind("id", orderId)
                .then());
  }

  private static Order toOrder(io.r2dbc.spi.Row row) {
    OffsetDateTime placedAt = row.get("placed_at", OffsetDateTime.class);
    return new Order(
        row.get("id", String.class),
        row.get("customer_id", String.class),
        OrderStatus.valueOf(row.get("status", String.class)),
        placedAt.withOffsetSameInstant(ZoneOffset.UTC),
        row.get("total_cents", Long.class),
        row.get("currency", String.class));
  }
}
