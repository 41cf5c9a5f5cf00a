package dev.junction.orders.saga;

import dev.junction.orders.events.OrderStatusEvent;
import dev.junction.orders.events.OrderStatusEvents;
import dev.junction.orders.order.Order;
import dev.junction.orders.order.OrderLine;
import dev.junction.orders.order.OrderRepository;
import dev.junction.orders.order.OrderStatus;
import dev.junction.subgraph.common.error.SubgraphException;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Drives checkout sagas from their persisted log. Stateless apart from its lease identity: every
 * decision is taken from the log, so any instance (or a fresh one after a crash) can resume a saga
 * it has claimed. Forward: the intent of each attempt is logged before the remote call and the
 * outcome after it; a step that fails for good (a permanent error, or transient errors after all
 * retries) turns the saga to compensation, which undoes the steps that may have taken effect in
 * reverse order. Each state change it logs is reported to {@link OrderStatusEvents} once logged
 * (the {@code orderStatusChanged} subscription).
 */
public class SagaOrchestrator {
  private static final Logger log = LoggerFactory.getLogger(SagaOrchestrator.class);
  private static final List<SagaStepStatus> TO_COMPENSATE =
      List.of(
          SagaStepStatus.STARTED,
          SagaStepStatus.SUCCEEDED,
          SagaStepStatus.FAILED,
          SagaStepStatus.COMPENSATING);

  private final SagaLog sagaLog;
  private final OrderRepository orders;
  private final SagaParticipants participants;
  private final SagaProperties props;
  private final Clock clock;
  private final CrashHook crash;
  private final OrderStatusEvents events;
  private final SagaLog.Lease lease;
  private final Retry retry;
  private final TimeLimiter timeLimiter;

  public SagaOrchestrator(
      SagaLog sagaLog,
      OrderRepository orders,
      SagaParticipants participants,
      SagaProperties props,
      Clock clock,
      CrashHook crash) {
    this(sagaLog, orders, participants, props, clock, crash, OrderStatusEvents.NONE);
  }

  public SagaOrchestrator(
      SagaLog sagaLog,
      OrderRepository orders,
      SagaParticipants participants,
      SagaProperties props,
      Clock clock,
      CrashHook crash,
      OrderStatusEvents events) {
    this.events = events;
    this.sagaLog = sagaLog;
    this.orders = orders;
    this.participants = participants;
    this.props = props;
    this.clock = clock;
    this.crash = crash;
    this.lease = new SagaLog.Lease("orders-" + UUID.randomUUID(), props.lease());
    this.retry =
        Retry.of(
            "saga-call",
            RetryConfig.custom()
                .maxAttempts(props.maxAttempts())
                .waitDuration(props.retryWait())
                .retryOnException(SagaOrchestrator::isTransient)
                .build());
    this.timeLimiter =
        TimeLimiter.of(
            TimeLimiterConfig.custom()
                .timeoutDuration(props.callTimeout())
                .cancelRunningFuture(true)
                .build());
  }

  /** This instance's lease identity. */
  public SagaLog.Lease lease() {
    return lease;
  }

  /** The current time of this orchestrator's clock. */
  public Instant now() {
    return clock.instant();
  }

  /**
   * Drives the saga of an order (leased to this instance) as far as it goes: to a terminal state,
   * or until a compensation fails transiently (the saga is then left to recovery). Emits the saga
   * as it is afterwards.
   */
  public Mono<Saga> run(String orderId) {
    return sagaLog.load(orderId).flatMap(this::advance);
  }

  /**
   * {@link #run} with a log line at its start and at its end (order id, outcome, duration): INFO
   * when the saga ended in a terminal state, WARN when it is left to recovery, ERROR when the run
   * failed.
   */
  public Mono<Saga> drive(String orderId, String trigger) {
    return Mono.defer(
        () -> {
          long start = System.nanoTime();
          log.info("Saga {} started ({})", orderId, trigger);
          return run(orderId)
              .doOnNext(
                  s -> {
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    if (s.status() == SagaStatus.COMPLETED
                        || s.status() == SagaStatus.COMPENSATED) {
                      log.info(
                          "Saga {} ended ({}): {}{} in {} ms",
                          orderId,
                          trigger,
                          s.status(),
                          s.reason() == null ? "" : " (" + s.reason() + ")",
                          ms);
                    } else {
                      log.warn(
                          "Saga {} stopped ({}) while {} after {} ms, left to recovery",
                          orderId,
                          trigger,
                          s.status(),
                          ms);
                    }
                  })
              .switchIfEmpty(
                  Mono.error(() -> new IllegalStateException("saga " + orderId + " is missing")))
              .doOnError(
                  e -> {
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    if (e instanceof SubgraphException) {
                      log.warn(
                          "Saga {} refused ({}) after {} ms: {}",
                          orderId,
                          trigger,
                          ms,
                          e.getMessage());
                    } else {
                      log.error("Saga {} failed ({}) after {} ms", orderId, trigger, ms, e);
                    }
                  });
        });
  }

  /** Claims up to {@code limit} expired sagas and drives each; emits how many were claimed. */
  public Mono<Long> recoverExpired(int limit) {
    return sagaLog
        .claimExpired(lease, now(), limit)
        .concatMap(id -> drive(id, "recovery").onErrorResume(e -> Mono.empty()).thenReturn(id))
        .count();
  }

  /**
   * Cancels a confirmed order by compensating its saga; {@code CONFLICT} when the order is not
   * confirmed, has no saga, or its shipment has already left.
   */
  public Mono<Saga> cancel(String orderId) {
    return orders
        .findByIds(List.of(orderId))
        .next()
        .switchIfEmpty(Mono.error(() -> SubgraphException.notFound("No order with id " + orderId)))
        .flatMap(
            order -> {
              if (order.status() == OrderStatus.CANCELLED) {
                return sagaLog.load(orderId);
              }
              if (order.status() != OrderStatus.CONFIRMED) {
                return Mono.error(
                    SubgraphException.conflict(
                        "Order " + orderId + " is " + order.status() + " and cannot be cancelled"));
              }
              Instant at = now();
              return sagaLog
                  .beginCancel(orderId, lease, at)
                  .flatMap(
                      begun ->
                          begun
                              ? report(
                                      orderId,
                                      OrderStatus.CONFIRMED,
                                      SagaStatus.COMPENSATING,
                                      null,
                                      null,
                                      at)
                                  .then(drive(orderId, "cancelOrder"))
                              : Mono.error(
                                  SubgraphException.conflict(
                                      "Order " + orderId + " has no completed checkout saga")));
            });
  }

  private Mono<Saga> advance(Saga saga) {
    String id = saga.orderId();
    switch (saga.status()) {
      case RUNNING -> {
        Optional<SagaStep> next =
            saga.steps().stream().filter(s -> s.status() != SagaStepStatus.SUCCEEDED).findFirst();
        if (next.isEmpty()) {
          Instant at = now();
          return sagaLog
              .finish(id, SagaStatus.COMPLETED, OrderStatus.CONFIRMED, lease, at)
              .then(report(id, OrderStatus.CONFIRMED, SagaStatus.COMPLETED, null, null, at))
              .then(Mono.defer(() -> run(id)));
        }
        return forward(saga, next.get().name()).then(Mono.defer(() -> run(id)));
      }
      case COMPENSATING -> {
        List<SagaStep> reversed = new ArrayList<>(saga.steps());
        java.util.Collections.reverse(reversed);
        Optional<SagaStep> next =
            reversed.stream()
                .filter(s -> s.name().compensable() && TO_COMPENSATE.contains(s.status()))
                .findFirst();
        if (next.isEmpty()) {
          OrderStatus target =
              saga.targetStatus() == null ? OrderStatus.REJECTED : saga.targetStatus();
          Instant at = now();
          return sagaLog
              .finish(id, SagaStatus.COMPENSATED, target, lease, at)
              .then(report(id, target, SagaStatus.COMPENSATED, null, null, at))
              .then(Mono.defer(() -> run(id)));
        }
        return compensate(saga, next.get().name())
            .flatMap(progressed -> progressed ? run(id) : sagaLog.load(id));
      }
      default -> {
        return Mono.just(saga);
      }
    }
  }

  private Mono<Void> forward(Saga saga, SagaStepName step) {
    String id = saga.orderId();
    Mono<Mono<Void>> attempts =
        Mono.defer(
                () -> {
                  Instant at = now();
                  return sagaLog
                      .stepIntent(id, step, lease, at)
                      .then(report(saga, SagaStatus.RUNNING, step, SagaStepStatus.STARTED, at))
                      .then(hook(CrashPoint.BEFORE_CALL, id, step))
                      .then(
                          call(saga, step).transformDeferred(TimeLimiterOperator.of(timeLimiter)));
                })
            .transformDeferred(RetryOperator.of(retry));
    return attempts
        .flatMap(
            localEffect ->
                hook(CrashPoint.AFTER_EFFECT, id, step)
                    .then(
                        Mono.defer(
                            () -> {
                              Instant at = now();
                              return sagaLog
                                  .stepSucceeded(id, step, lease, at, localEffect)
                                  .then(
                                      report(
                                          saga,
                                          SagaStatus.RUNNING,
                                          step,
                                          SagaStepStatus.SUCCEEDED,
                                          at));
                            }))
                    .then(hook(CrashPoint.AFTER_LOG, id, step)))
        .onErrorResume(
            SagaOrchestrator::isCallFailure,
            e -> {
              log.info("Saga {}: step {} failed for good: {}", id, step, reason(e));
              Instant at = now();
              return sagaLog
                  .stepFailed(id, step, lease, at, step + " failed: " + reason(e))
                  .then(report(saga, SagaStatus.COMPENSATING, step, SagaStepStatus.FAILED, at));
            });
  }

  /** Emits true when the step's compensation is logged, false when it must be retried later. */
  private Mono<Boolean> compensate(Saga saga, SagaStepName step) {
    String id = saga.orderId();
    Mono<Void> attempts =
        Mono.defer(
                () ->
                    compensation(saga, step).transformDeferred(TimeLimiterOperator.of(timeLimiter)))
            .transformDeferred(RetryOperator.of(retry));
    Mono<Boolean> done =
        attempts
            .then(hook(CrashPoint.AFTER_COMPENSATION_EFFECT, id, step))
            .then(Mono.defer(() -> compensated(saga, step, null)))
            .then(hook(CrashPoint.AFTER_COMPENSATION_LOG, id, step))
            .thenReturn(true);
    Instant at = now();
    return sagaLog
        .compensationIntent(id, step, lease, at)
        .then(report(saga, SagaStatus.COMPENSATING, step, SagaStepStatus.COMPENSATING, at))
        .then(hook(CrashPoint.BEFORE_COMPENSATION, id, step))
        .then(
            done.onErrorResume(
                SagaOrchestrator::isCallFailure,
                e -> {
                  if (e instanceof RemoteCallException r && !r.isTransient()) {
                    if (saga.targetStatus() == OrderStatus.CANCELLED
                        && step == SagaStepName.CREATE_SHIPMENT) {
                      Instant abortedAt = now();
                      return sagaLog
                          .abortCancel(id, lease, abortedAt, "cancellation refused: " + reason(e))
                          .then(
                              report(
                                  id,
                                  OrderStatus.CONFIRMED,
                                  SagaStatus.COMPLETED,
                                  step,
                                  SagaStepStatus.SUCCEEDED,
                                  abortedAt))
                          .then(
                              Mono.error(
                                  SubgraphException.conflict(
                                      "Order " + id + " cannot be cancelled: " + reason(e))));
                    }
                    String failure = "NOT_FOUND".equals(r.code()) ? null : reason(e);
                    return compensated(saga, step, failure).thenReturn(true);
                  }
                  log.warn("Saga {}: compensation of {} will be retried: {}", id, step, reason(e));
                  return sagaLog
                      .release(id, lease, now().plus(props.retryWait()))
                      .thenReturn(false);
                }));
  }

  /** Logs the outcome of a compensation and reports it. */
  private Mono<Void> compensated(Saga saga, SagaStepName step, String failure) {
    Instant at = now();
    SagaStepStatus status =
        failure == null ? SagaStepStatus.COMPENSATED : SagaStepStatus.COMPENSATION_FAILED;
    return sagaLog
        .compensated(saga.orderId(), step, lease, at, failure)
        .then(report(saga, SagaStatus.COMPENSATING, step, status, at));
  }

  /**
   * Reports a change logged while the saga runs: the order stays PENDING until the saga ends,
   * CONFIRMED while a cancellation compensates it.
   */
  private Mono<Void> report(
      Saga saga, SagaStatus sagaStatus, SagaStepName step, SagaStepStatus stepStatus, Instant at) {
    OrderStatus status =
        saga.targetStatus() == OrderStatus.CANCELLED ? OrderStatus.CONFIRMED : OrderStatus.PENDING;
    return report(saga.orderId(), status, sagaStatus, step, stepStatus, at);
  }

  /** Reports a logged change; a failure to report never fails the saga. */
  private Mono<Void> report(
      String orderId,
      OrderStatus status,
      SagaStatus sagaStatus,
      SagaStepName step,
      SagaStepStatus stepStatus,
      Instant at) {
    return Mono.fromRunnable(
        () -> {
          try {
            events.publish(OrderStatusEvent.of(orderId, status, sagaStatus, step, stepStatus, at));
          } catch (RuntimeException e) {
            log.warn("Saga {}: could not report a state change to subscribers", orderId, e);
          }
        });
  }

  private Mono<Mono<Void>> call(Saga saga, SagaStepName step) {
    String id = saga.orderId();
    Mono<Void> none = Mono.empty();
    return switch (step) {
      case CHECK_CUSTOMER -> participants.checkCustomer(saga.customerId()).thenReturn(none);
      case PRICE_ORDER -> participants.prices(productIds(saga)).map(p -> priceLines(saga, p));
      case RESERVE_STOCK -> participants.reserveStock(id, saga.lines()).thenReturn(none);
      case CHARGE_PAYMENT ->
          order(id)
              .flatMap(
                  o ->
                      participants.chargePayment(
                          id, o.customerId(), o.totalCents(), o.currency(), saga.paymentMethod()))
              .thenReturn(none);
      case AWARD_POINTS ->
          order(id)
              .flatMap(
                  o ->
                      points(o) == 0
                          ? Mono.<Void>empty()
                          : participants.creditPoints(o.customerId(), points(o), "order " + id))
              .thenReturn(none);
      case CREATE_SHIPMENT -> participants.createShipment(id, saga.address()).thenReturn(none);
    };
  }

  private Mono<Void> compensation(Saga saga, SagaStepName step) {
    String id = saga.orderId();
    return switch (step) {
      case RESERVE_STOCK -> participants.releaseStock(id);
      case CHARGE_PAYMENT -> participants.refundPayment(id);
      case AWARD_POINTS ->
          order(id)
              .flatMap(
                  o ->
                      points(o) == 0
                          ? Mono.<Void>empty()
                          : participants.revokePoints(
                              o.customerId(), points(o), "order " + id + " revoked"));
      case CREATE_SHIPMENT -> participants.cancelShipment(id);
      default -> Mono.empty();
    };
  }

  /** Loyalty points for an order: one per whole currency unit, at most 1,000,000. */
  static int points(Order order) {
    return (int) Math.min(order.totalCents() / 100, 1_000_000);
  }

  private Mono<Order> order(String id) {
    return orders
        .findByIds(List.of(id))
        .next()
        .switchIfEmpty(Mono.error(() -> new IllegalStateException("order " + id + " is missing")));
  }

  private static List<String> productIds(Saga saga) {
    return saga.lines().stream().map(Saga.RequestedLine::productId).distinct().toList();
  }

  private Mono<Void> priceLines(Saga saga, List<SagaParticipants.PricedProduct> priced) {
    Map<String, SagaParticipants.PricedProduct> byId = new HashMap<>();
    priced.forEach(p -> byId.put(p.id(), p));
    List<OrderLine> lines = new ArrayList<>();
    String currency = null;
    for (int i = 0; i < saga.lines().size(); i++) {
      Saga.RequestedLine line = saga.lines().get(i);
      SagaParticipants.PricedProduct p = byId.get(line.productId());
      if (p == null) {
        throw RemoteCallException.permanent("NOT_FOUND", "No product with id " + line.productId());
      }
      if (currency != null && !currency.equals(p.currency())) {
        throw RemoteCallException.permanent("CURRENCY_MISMATCH", "Products in several currencies");
      }
      currency = p.currency();
      lines.add(
          new OrderLine(
              saga.orderId(),
              i + 1,
              p.id(),
              p.name(),
              line.quantity(),
              p.priceCents(),
              p.currency()));
    }
    return orders.replaceLines(saga.orderId(), lines);
  }

  private Mono<Void> hook(CrashPoint point, String orderId, SagaStepName step) {
    return Mono.fromRunnable(() -> crash.at(point, orderId, step));
  }

  private static boolean isTransient(Throwable e) {
    return e instanceof TimeoutException || (e instanceof RemoteCallException r && r.isTransient());
  }

  private static boolean isCallFailure(Throwable e) {
    return e instanceof TimeoutException || e instanceof RemoteCallException;
  }

  private String reason(Throwable e) {
    if (e instanceof TimeoutException) {
      return "TIMEOUT: no answer within " + props.callTimeout().toMillis() + " ms";
    }
    return e.getMessage();
  }
}
