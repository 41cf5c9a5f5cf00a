package dev.junction.orders.saga;

import dev.junction.orders.order.OrderRepository;
import dev.junction.subgraph.common.error.SubgraphException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * {@code placeOrder}: validates the input, maps the idempotency key to one order (the order, its
 * key and its saga are created in one transaction, so two racing requests with one key create one
 * saga) and runs the saga.
 */
public class PlaceOrderService {
  /** The idempotency key was used before with a different payload. */
  public static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";

  private static final Logger log = LoggerFactory.getLogger(PlaceOrderService.class);
  private static final int MAX_LINES = 100;
  private static final int MAX_QUANTITY = 1000;

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final OrderRepository orders;
  private final SagaLog sagaLog;
  private final SagaOrchestrator orchestrator;

  public PlaceOrderService(
      DatabaseClient db,
      TransactionalOperator tx,
      OrderRepository orders,
      SagaLog sagaLog,
      SagaOrchestrator orchestrator) {
    this.db = db;
    this.tx = tx;
    this.orders = orders;
    this.sagaLog = sagaLog;
    this.orchestrator = orchestrator;
  }

  /**
   * Places the order (or finds the one placed before with this key) and emits its id once its saga
   * has run as far as it goes. A saga interrupted by an unexpected error is left to recovery.
   */
  public Mono<String> place(PlaceOrderCommand cmd, String idempotencyKey) {
    return Mono.defer(
        () -> {
          validate(cmd, idempotencyKey);
          String hash = cmd.payloadHash();
          return existing(idempotencyKey, hash)
              .switchIfEmpty(Mono.defer(() -> placeNew(cmd, idempotencyKey, hash)));
        });
  }

  private Mono<String> placeNew(PlaceOrderCommand cmd, String key, String hash) {
    String orderId = "ord-" + UUID.randomUUID();
    return create(orderId, cmd, key, hash)
        .then(Mono.defer(() -> drive(orderId, key)))
        .onErrorResume(PlaceOrderService::isDuplicate, e -> raced(key, hash, orderId, e))
        .onErrorMap(
            e -> !(e instanceof SubgraphException || e instanceof PlaceOrderFailure),
            e -> new PlaceOrderFailure(key, orderId, "the order was not created", e));
  }

  /**
   * The insert hit a unique constraint: another request with the same key won the race, so its
   * order is the answer. If the key is not there, the violation was something else: a failure.
   */
  private Mono<String> raced(String key, String hash, String orderId, Throwable e) {
    return existing(key, hash)
        .doOnNext(winner -> log.info("placeOrder with idempotency key {} joined {}", key, winner))
        .switchIfEmpty(
            Mono.error(
                () ->
                    new PlaceOrderFailure(key, orderId, "a constraint was violated on insert", e)));
  }

  /**
   * Runs the saga of a new order; a saga interrupted by an unexpected error is left to recovery.
   */
  private Mono<String> drive(String orderId, String key) {
    return orchestrator
        .drive(orderId, "placeOrder")
        .onErrorResume(
            e -> {
              log.error(
                  "Saga {} (idempotency key {}) interrupted, left to recovery", orderId, key, e);
              return Mono.empty();
            })
        .thenReturn(orderId);
  }

  private Mono<Void> create(String orderId, PlaceOrderCommand cmd, String key, String hash) {
    Instant now = orchestrator.now();
    SagaLog.Lease lease = orchestrator.lease();
    Mono<Void> order =
        orders.insertPending(
            orderId, cmd.customerId(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
    Mono<Void> request =
        db.sql(
                "INSERT INTO order_request (idempotency_key, payload_hash, order_id)"
                    + " VALUES (:key, :hash, :orderId)")
            .bind("key", key)
            .bind("hash", hash)
            .bind("orderId", orderId)
            .then();
    Mono<Void> saga = sagaLog.create(orderId, cmd, lease.owner(), now, now.plus(lease.duration()));
    return order.then(request).then(saga).as(tx::transactional);
  }

  private Mono<String> existing(String key, String hash) {
    return db.sql("SELECT payload_hash, order_id FROM order_request WHERE idempotency_key = :key")
        .bind("key", key)
        .map(
            row ->
                new String[] {
                  row.get("payload_hash", String.class), row.get("order_id", String.class)
                })
        .one()
        .flatMap(
            found ->
                found[0].equals(hash)
                    ? Mono.just(found[1])
                    : Mono.error(
                        new SubgraphException(
                            IDEMPOTENCY_KEY_REUSED,
                            "The idempotency key was used for a different order")));
  }

  private static boolean isDuplicate(Throwable e) {
    return e instanceof DataIntegrityViolationException
        || e instanceof R2dbcDataIntegrityViolationException;
  }

  private static void validate(PlaceOrderCommand cmd, String key) {
    requireText("idempotencyKey", key, 200);
    requireText("input.customerId", cmd.customerId(), 40);
    requireText("input.shippingAddress", cmd.shippingAddress(), 500);
    requireText("input.paymentMethod", cmd.paymentMethod(), 40);
    List<Saga.RequestedLine> lines = cmd.lines();
    if (lines == null || lines.isEmpty()) {
      throw SubgraphException.badInput("input.lines must contain at least one line");
    }
    if (lines.size() > MAX_LINES) {
      throw SubgraphException.badInput("input.lines must have at most " + MAX_LINES + " lines");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      Saga.RequestedLine line = lines.get(i);
      requireText("input.lines[" + i + "].productId", line.productId(), 40);
      if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
        throw SubgraphException.badInput(
            "input.lines[" + i + "].quantity must be between 1 and " + MAX_QUANTITY);
      }
      if (!seen.add(line.productId())) {
        throw SubgraphException.badInput(
            "input.lines[" + i + "].productId repeats product " + line.productId());
      }
    }
  }

  private static void requireText(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      throw SubgraphException.badInput(field + " must not be blank");
    }
    if (value.length() > max) {
      throw SubgraphException.badInput(field + " must have at most " + max + " characters");
    }
  }
}
