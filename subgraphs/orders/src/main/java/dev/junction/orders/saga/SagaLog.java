package dev.junction.orders.saga;

import dev.junction.orders.order.OrderStatus;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The persisted saga log. Every write of a saga's progress also renews its lease and succeeds only
 * while the writer holds the lease ({@link LeaseLostException} otherwise), so an instance whose
 * lease expired and was claimed elsewhere cannot overwrite the new owner's progress.
 */
@Repository
public class SagaLog {
  private static final String SAGA_COLUMNS =
      "order_id, status, target_status, reason, customer_id, address, payment_method,"
          + " lease_owner, lease_until";

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private volatile Boolean postgres;

  public SagaLog(DatabaseClient db, TransactionalOperator tx) {
    this.db = db;
    this.tx = tx;
  }

  /** Thrown when a saga's lease is held by another instance. */
  public static class LeaseLostException extends RuntimeException {
    public LeaseLostException(String orderId, String owner) {
      super("lease of saga " + orderId + " is not held by " + owner);
    }
  }

  /**
   * Inserts a new saga, its requested lines and one {@code PENDING} step row per step, leased to
   * {@code owner}; joins the caller's transaction.
   */
  public Mono<Void> create(
      String orderId, PlaceOrderCommand cmd, String owner, Instant now, Instant leaseUntil) {
    Mono<Long> saga =
        db.sql(
                "INSERT INTO saga (order_id, status, customer_id, address, payment_method,"
                    + " lease_owner, lease_until, created_at, updated_at) VALUES (:id, 'RUNNING',"
                    + " :customerId, :address, :method, :owner, :until, :now, :now2)")
            .bind("id", orderId)
            .bind("customerId", cmd.customerId())
            .bind("address", cmd.shippingAddress())
            .bind("method", cmd.paymentMethod())
            .bind("owner", owner)
            .bind("until", utc(leaseUntil))
            .bind("now", utc(now))
            .bind("now2", utc(now))
            .fetch()
            .rowsUpdated();
    Flux<Long> lines =
        Flux.range(0, cmd.lines().size())
            .concatMap(
                i ->
                    db.sql(
                            "INSERT INTO saga_line (order_id, line_no, product_id, quantity)"
                                + " VALUES (:id, :no, :productId, :quantity)")
                        .bind("id", orderId)
                        .bind("no", i + 1)
                        .bind("productId", cmd.lines().get(i).productId())
                        .bind("quantity", cmd.lines().get(i).quantity())
                        .fetch()
                        .rowsUpdated());
    Flux<Long> steps =
        Flux.fromArray(SagaStepName.values())
            .concatMap(
                step ->
                    db.sql(
                            "INSERT INTO saga_step (order_id, step_no, name, status, attempts)"
                                + " VALUES (:id, :no, :name, 'PENDING', 0)")
                        .bind("id", orderId)
                        .bind("no", step.ordinal() + 1)
                        .bind("name", step.name())
                        .fetch()
                        .rowsUpdated());
    return saga.thenMany(lines).thenMany(steps).then();
  }

  /** The saga of an order with its lines and steps, or empty. */
  public Mono<Saga> load(String orderId) {
    Mono<List<Saga.RequestedLine>> lines =
        db.sql("SELECT product_id, quantity FROM saga_line WHERE order_id = :id ORDER BY line_no")
            .bind("id", orderId)
            .map(
                row ->
                    new Saga.RequestedLine(
                        row.get("product_id", String.class), row.get("quantity", Integer.class)))
            .all()
            .collectList();
    Mono<List<SagaStep>> steps = loadSteps(List.of(orderId)).collectList();
    return db.sql("SELECT " + SAGA_COLUMNS + " FROM saga WHERE order_id = :id")
        .bind("id", orderId)
        .map(row -> toSaga(row, List.of(), List.of()))
        .one()
        .flatMap(head -> Mono.zip(lines, steps).map(t -> head.with(t.getT1(), t.getT2())))
        .as(tx::transactional);
  }

  /** The sagas of these orders (unknown or seeded orders are absent), in two SELECTs. */
  public Flux<Saga> loadAll(List<String> orderIds) {
    if (orderIds.isEmpty()) {
      return Flux.empty();
    }
    return loadSteps(orderIds)
        .collectMultimap(SagaStep::orderId)
        .flatMapMany(
            steps ->
                db.sql("SELECT " + SAGA_COLUMNS + " FROM saga WHERE order_id IN (:ids)")
                    .bind("ids", orderIds)
                    .map(
                        row -> {
                          String id = row.get("order_id", String.class);
                          return toSaga(
                              row, List.of(), List.copyOf(steps.getOrDefault(id, List.of())));
                        })
                    .all());
  }

  private Flux<SagaStep> loadSteps(List<String> orderIds) {
    return db.sql(
            "SELECT order_id, step_no, name, status, attempts, started_at, finished_at,"
                + " compensated_at, failure_reason FROM saga_step WHERE order_id IN (:ids)"
                + " ORDER BY order_id, step_no")
        .bind("ids", orderIds)
        .map(
            row ->
                new SagaStep(
                    row.get("order_id", String.class),
                    row.get("step_no", Integer.class),
                    SagaStepName.valueOf(row.get("name", String.class)),
                    SagaStepStatus.valueOf(row.get("status", String.class)),
                    row.get("attempts", Integer.class),
                    ts(row, "started_at"),
                    ts(row, "finished_at"),
                    ts(row, "compensated_at"),
                    row.get("failure_reason", String.class)))
        .all();
  }

  /** Logs the intent of a forward attempt: {@code STARTED}, one more attempt. */
  public Mono<Void> stepIntent(String orderId, SagaStepName step, Lease lease, Instant now) {
    return guarded(
        orderId,
        lease,
        now,
        db.sql(
                "UPDATE saga_step SET status = 'STARTED', attempts = attempts + 1,"
                    + " started_at = COALESCE(started_at, :now) WHERE order_id = :id AND step_no"
                    + " = :no")
            .bind("now", utc(now))
            .bind("id", orderId)
            .bind("no", step.ordinal() + 1)
            .then());
  }

  /**
   * Logs the success of a step, together with {@code localEffect} (e.g. the priced lines), in one
   * transaction.
   */
  public Mono<Void> stepSucceeded(
      String orderId, SagaStepName step, Lease lease, Instant now, Mono<Void> localEffect) {
    return guarded(
        orderId,
        lease,
        now,
        localEffect.then(
            setStep(orderId, step, SagaStepStatus.SUCCEEDED, "finished_at", now, null)));
  }

  /** Logs the failure of a step for good and turns the saga to compensation. */
  public Mono<Void> stepFailed(
      String orderId, SagaStepName step, Lease lease, Instant now, String reason) {
    return guarded(
        orderId,
        lease,
        now,
        setStep(orderId, step, SagaStepStatus.FAILED, "finished_at", now, reason)
            .then(
                db.sql(
                        "UPDATE saga SET status = 'COMPENSATING', target_status = 'REJECTED',"
                            + " reason = :reason WHERE order_id = :id")
                    .bind("reason", truncate(reason))
                    .bind("id", orderId)
                    .then()));
  }

  /** Logs the intent to compensate a step. */
  public Mono<Void> compensationIntent(
      String orderId, SagaStepName step, Lease lease, Instant now) {
    return guarded(
        orderId, lease, now, setStep(orderId, step, SagaStepStatus.COMPENSATING, null, now, null));
  }

  /** Logs the outcome of a compensation ({@code COMPENSATED}, or failed for good with a reason). */
  public Mono<Void> compensated(
      String orderId, SagaStepName step, Lease lease, Instant now, String failure) {
    SagaStepStatus status =
        failure == null ? SagaStepStatus.COMPENSATED : SagaStepStatus.COMPENSATION_FAILED;
    return guarded(
        orderId, lease, now, setStep(orderId, step, status, "compensated_at", now, failure));
  }

  /** Ends the saga ({@code COMPLETED} or {@code COMPENSATED}) and sets the order's status. */
  public Mono<Void> finish(
      String orderId, SagaStatus status, OrderStatus orderStatus, Lease lease, Instant now) {
    return guarded(
        orderId,
        lease,
        now,
        db.sql("UPDATE saga SET status = :status, lease_owner = NULL WHERE order_id = :id")
            .bind("status", status.name())
            .bind("id", orderId)
            .then()
            .then(
                db.sql("UPDATE orders SET status = :status WHERE id = :id")
                    .bind("status", orderStatus.name())
                    .bind("id", orderId)
                    .then()));
  }

  /**
   * Turns a {@code COMPLETED} saga to compensation towards {@code CANCELLED} and leases it to the
   * caller; emits false when the saga is not completed or is leased by another instance.
   */
  public Mono<Boolean> beginCancel(String orderId, Lease lease, Instant now) {
    return db.sql(
            "UPDATE saga SET status = 'COMPENSATING', target_status = 'CANCELLED', reason ="
                + " 'cancelled', lease_owner = :owner, lease_until = :until, updated_at = :now"
                + " WHERE order_id = :id AND status = 'COMPLETED'")
        .bind("owner", lease.owner())
        .bind("until", utc(now.plus(lease.duration())))
        .bind("now", utc(now))
        .bind("id", orderId)
        .fetch()
        .rowsUpdated()
        .map(n -> n == 1);
  }

  /** Undoes {@link #beginCancel} after its first compensation was refused (already shipped). */
  public Mono<Void> abortCancel(String orderId, Lease lease, Instant now, String reason) {
    return guarded(
        orderId,
        lease,
        now,
        db.sql(
                "UPDATE saga SET status = 'COMPLETED', target_status = NULL, reason = :reason,"
                    + " lease_owner = NULL WHERE order_id = :id")
            .bind("reason", truncate(reason))
            .bind("id", orderId)
            .then()
            .then(
                db.sql(
                        "UPDATE saga_step SET status = 'SUCCEEDED', failure_reason = :reason"
                            + " WHERE order_id = :id AND status IN ('COMPENSATING',"
                            + " 'COMPENSATION_FAILED')")
                    .bind("reason", truncate(reason))
                    .bind("id", orderId)
                    .then()));
  }

  /** Gives the lease up early so that recovery may resume the saga after {@code until}. */
  public Mono<Void> release(String orderId, Lease lease, Instant until) {
    return db.sql(
            "UPDATE saga SET lease_until = :until WHERE order_id = :id AND lease_owner = :owner")
        .bind("until", utc(until))
        .bind("id", orderId)
        .bind("owner", lease.owner())
        .then();
  }

  /**
   * Claims up to {@code limit} non-terminal sagas whose lease has expired for {@code lease}'s
   * owner. On PostgreSQL the candidates are locked with {@code FOR UPDATE SKIP LOCKED}, so that
   * concurrent instances claim disjoint sets; on every database the claim itself is a conditional
   * update that succeeds only while the lease is still expired, so a saga is claimed once.
   */
  public Flux<String> claimExpired(Lease lease, Instant now, int limit) {
    return isPostgres()
        .flatMapMany(
            pg -> {
              String lock = pg ? " FOR UPDATE SKIP LOCKED" : "";
              return db.sql(
                      "SELECT order_id FROM saga WHERE status IN ('RUNNING', 'COMPENSATING')"
                          + " AND lease_until < :now ORDER BY lease_until LIMIT :limit"
                          + lock)
                  .bind("now", utc(now))
                  .bind("limit", limit)
                  .map(row -> row.get("order_id", String.class))
                  .all()
                  .concatMap(
                      id ->
                          db.sql(
                                  "UPDATE saga SET lease_owner = :owner, lease_until = :until,"
                                      + " updated_at = :now WHERE order_id = :id AND status IN"
                                      + " ('RUNNING', 'COMPENSATING') AND lease_until < :now2")
                              .bind("owner", lease.owner())
                              .bind("until", utc(now.plus(lease.duration())))
                              .bind("now", utc(now))
                              .bind("id", id)
                              .bind("now2", utc(now))
                              .fetch()
                              .rowsUpdated()
                              .filter(n -> n == 1)
                              .map(n -> id))
                  .collectList()
                  .as(tx::transactional)
                  .flatMapIterable(ids -> ids);
            });
  }

  private Mono<Boolean> isPostgres() {
    if (postgres != null) {
      return Mono.just(postgres);
    }
    return db.sql("SELECT 1")
        .map(row -> 1)
        .first()
        .then(
            Mono.fromSupplier(
                () ->
                    db.getConnectionFactory()
                        .getMetadata()
                        .getName()
                        .toLowerCase()
                        .contains("postgres")))
        .doOnNext(pg -> postgres = pg);
  }

  private Mono<Void> setStep(
      String orderId,
      SagaStepName step,
      SagaStepStatus status,
      String timestampColumn,
      Instant now,
      String reason) {
    String ts = timestampColumn == null ? "" : ", " + timestampColumn + " = :now";
    DatabaseClient.GenericExecuteSpec spec =
        db.sql(
                "UPDATE saga_step SET status = :status"
                    + ts
                    + (reason == null ? "" : ", failure_reason = :reason")
                    + " WHERE order_id = :id AND step_no = :no")
            .bind("status", status.name())
            .bind("id", orderId)
            .bind("no", step.ordinal() + 1);
    if (timestampColumn != null) {
      spec = spec.bind("now", utc(now));
    }
    if (reason != null) {
      spec = spec.bind("reason", truncate(reason));
    }
    return spec.then();
  }

  /** Runs {@code body} in one transaction with a renewal of the lease that must succeed. */
  private Mono<Void> guarded(String orderId, Lease lease, Instant now, Mono<Void> body) {
    Mono<Void> renew =
        db.sql(
                "UPDATE saga SET lease_until = :until, updated_at = :now WHERE order_id = :id AND"
                    + " lease_owner = :owner")
            .bind("until", utc(now.plus(lease.duration())))
            .bind("now", utc(now))
            .bind("id", orderId)
            .bind("owner", lease.owner())
            .fetch()
            .rowsUpdated()
            .flatMap(
                n ->
                    n == 1
                        ? Mono.<Void>empty()
                        : Mono.error(new LeaseLostException(orderId, lease.owner())));
    return renew.then(body).as(tx::transactional);
  }

  private static Saga toSaga(Readable row, List<Saga.RequestedLine> lines, List<SagaStep> steps) {
    String target = row.get("target_status", String.class);
    return new Saga(
        row.get("order_id", String.class),
        SagaStatus.valueOf(row.get("status", String.class)),
        target == null ? null : OrderStatus.valueOf(target),
        row.get("reason", String.class),
        row.get("customer_id", String.class),
        row.get("address", String.class),
        row.get("payment_method", String.class),
        row.get("lease_owner", String.class),
        ts(row, "lease_until"),
        lines,
        steps);
  }

  private static OffsetDateTime ts(Readable row, String column) {
    OffsetDateTime t = row.get(column, OffsetDateTime.class);
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
  }

  static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static String truncate(String s) {
    return s.length() <= 1000 ? s : s.substring(0, 1000);
  }

  /** A lease owner and the duration each renewal extends the lease by. */
  public record Lease(String owner, java.time.Duration duration) {}
}
