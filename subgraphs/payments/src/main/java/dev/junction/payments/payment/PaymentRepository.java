package dev.junction.payments.payment;

import dev.junction.subgraph.common.money.Money;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads and writes the {@code payment} table. */
@Repository
public class PaymentRepository {
  private static final String COLUMNS =
      "id, order_id, amount, currency, status, provider_reference, created_at, customer_id";

  private final DatabaseClient db;

  public PaymentRepository(DatabaseClient db) {
    this.db = db;
  }

  /** The payments with these ids, in one statement; unknown ids are absent. */
  public Flux<Payment> findByIds(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Flux.empty();
    }
    return db.sql("SELECT " + COLUMNS + " FROM payment WHERE id IN (:ids)")
        .bind("ids", ids)
        .map(PaymentRepository::toPayment)
        .all();
  }

  public Mono<Payment> findById(String id) {
    return db.sql("SELECT " + COLUMNS + " FROM payment WHERE id = :id")
        .bind("id", id)
        .map(PaymentRepository::toPayment)
        .one();
  }

  /**
   * All payments of these orders in one statement, ordered by order, then newest first (an order
   * can have several attempts, e.g. a declined one followed by a captured one).
   */
  public Flux<Payment> findByOrderIds(Collection<String> orderIds) {
    if (orderIds.isEmpty()) {
      return Flux.empty();
    }
    return db.sql(
            "SELECT "
                + COLUMNS
                + " FROM payment WHERE order_id IN (:ids)"
                + " ORDER BY order_id, created_at DESC, id DESC")
        .bind("ids", orderIds)
        .map(PaymentRepository::toPayment)
        .all();
  }

  public Mono<Payment> insert(Payment p) {
    DatabaseClient.GenericExecuteSpec spec =
        db.sql(
                "INSERT INTO payment"
                    + " (id, order_id, amount, currency, status, provider_reference, created_at,"
                    + " customer_id)"
                    + " VALUES (:id, :orderId, :amount, :currency, :status, :providerReference,"
                    + " :createdAt, :customerId)")
            .bind("id", p.id())
            .bind("orderId", p.orderId())
            .bind("amount", p.amount().amount())
            .bind("currency", p.amount().currency())
            .bind("status", p.status().name())
            .bind("createdAt", p.createdAt());
    spec =
        p.providerReference() == null
            ? spec.bindNull("providerReference", String.class)
            : spec.bind("providerReference", p.providerReference());
    spec =
        p.customerId() == null
            ? spec.bindNull("customerId", String.class)
            : spec.bind("customerId", p.customerId());
    return spec.fetch().rowsUpdated().thenReturn(p);
  }

  public Mono<Long> count() {
    return db.sql("SELECT COUNT(*) AS n FROM payment")
        .map(row -> row.get("n", Number.class).longValue())
        .one();
  }

  /**
   * Moves a payment from one status to another (with the provider reference, when not null); emits
   * the number of rows changed (0 when it was no longer in {@code from}).
   */
  public Mono<Long> transition(
      String id, PaymentStatus from, PaymentStatus to, String providerReference) {
    DatabaseClient.GenericExecuteSpec spec =
        db.sql(
                "UPDATE payment SET status = :to"
                    + (providerReference == null ? "" : ", provider_reference = :ref")
                    + " WHERE id = :id AND status = :from")
            .bind("to", to.name())
            .bind("id", id)
            .bind("from", from.name());
    if (providerReference != null) {
      spec = spec.bind("ref", providerReference);
    }
    return spec.fetch().rowsUpdated();
  }

  private static Payment toPayment(Readable row) {
    return new Payment(
        row.get("id", String.class),
        row.get("order_id", String.class),
        new Money(row.get("amount", BigDecimal.class), row.get("currency", String.class)),
        PaymentStatus.valueOf(row.get("status", String.class)),
        row.get("provider_reference", String.class),
        row.get("created_at", OffsetDateTime.class),
        row.get("customer_id", String.class));
  }
}
