package dev.junction.orders.events;

import dev.junction.orders.order.OrderRepository;
import dev.junction.orders.order.OrderStatus;
import dev.junction.orders.saga.SagaStatus;
import dev.junction.orders.saga.SagaStepName;
import dev.junction.orders.saga.SagaStepStatus;
import dev.junction.subgraph.common.error.SubgraphException;
import dev.junction.subgraph.common.trust.Caller;
import dev.junction.subgraph.common.trust.OwnerCheck;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * {@code orderStatusChanged(orderId)}: the order's current state first, then each state change its
 * saga makes, until the saga ends (the stream completes after that event). An order whose saga has
 * already ended, or that has none, gives its state once and completes.
 *
 * <p>No change is lost or reported out of order between the first event and the rest: the
 * subscriber listens to the live changes before it reads the state (in one statement), keeps the
 * changes that arrive meanwhile, and drops those older than the state it read (the saga log's
 * {@code updated_at} is the time of its last change) and those repeating the state before them (a
 * retried step, a change made while the state was read).
 */
@Service
public class OrderStatusStream {
  /** The changes a subscriber may fall behind by before it fails. */
  static final int BUFFER = 256;

  private final OrderRepository orders;
  private final DatabaseClient db;
  private final OrderStatusEvents events;

  public OrderStatusStream(OrderRepository orders, DatabaseClient db, OrderStatusEvents events) {
    this.orders = orders;
    this.db = db;
    this.events = events;
  }

  /**
   * The order's changes for {@code caller}: fails with {@code NOT_FOUND} for an unknown order and
   * as {@link OwnerCheck} says ({@code FORBIDDEN}, {@code UNAUTHENTICATED}) for one the caller may
   * not read, before any event.
   */
  public Flux<OrderStatusEvent> watch(String orderId, Caller caller) {
    return Flux.defer(
        () -> {
          if (orderId == null || orderId.isBlank()) {
            return Flux.error(SubgraphException.badInput("orderId must not be blank"));
          }
          return orders
              .findByIds(List.of(orderId))
              .next()
              .switchIfEmpty(
                  Mono.error(() -> SubgraphException.notFound("No order with id " + orderId)))
              .doOnNext(o -> OwnerCheck.requireOwner(caller, o.customerId(), "order " + orderId))
              .flatMapMany(o -> follow(current(orderId), events.live(orderId), BUFFER));
        });
  }

  /**
   * {@code first}, then the events of {@code live} (subscribed to before {@code first} is) that are
   * not older than it, without consecutive repeats of one state, up to the first terminal event.
   */
  static Flux<OrderStatusEvent> follow(
      Mono<OrderStatusEvent> first, Flux<OrderStatusEvent> live, int buffer) {
    return Flux.defer(
        () -> {
          Sinks.Many<OrderStatusEvent> queue =
              Sinks.many()
                  .unicast()
                  .onBackpressureBuffer(Queues.<OrderStatusEvent>get(buffer).get());
          Disposable listening =
              live.subscribe(
                  e -> {
                    if (queue.tryEmitNext(e).isFailure()) {
                      queue.tryEmitError(
                          Exceptions.failWithOverflow(
                              "the subscriber fell " + buffer + " changes behind"));
                    }
                  },
                  queue::tryEmitError,
                  queue::tryEmitComplete);
          return first
              .flatMapMany(
                  state ->
                      state.terminal()
                          ? Flux.just(state)
                          : Flux.concat(
                              Mono.just(state),
                              queue.asFlux().filter(e -> !e.at().isBefore(state.at()))))
              .distinctUntilChanged(OrderStatusEvent::state)
              .takeUntil(OrderStatusEvent::terminal)
              .doFinally(signal -> listening.dispose());
        });
  }

  /** The order's state now, read in one statement (order, saga, steps). */
  Mono<OrderStatusEvent> current(String orderId) {
    return db.sql(
            "SELECT o.status AS order_status, o.placed_at, s.status AS saga_status,"
                + " s.updated_at, st.step_no, st.name, st.status AS step_status,"
                + " st.compensated_at FROM orders o"
                + " LEFT JOIN saga s ON s.order_id = o.id"
                + " LEFT JOIN saga_step st ON st.order_id = o.id"
                + " WHERE o.id = :id ORDER BY st.step_no")
        .bind("id", orderId)
        .map(Row::of)
        .all()
        .collectList()
        .flatMap(
            rows ->
                rows.isEmpty()
                    ? Mono.error(SubgraphException.notFound("No order with id " + orderId))
                    : Mono.just(state(orderId, rows)));
  }

  private record Row(
      OrderStatus orderStatus,
      OffsetDateTime placedAt,
      SagaStatus sagaStatus,
      OffsetDateTime updatedAt,
      Integer stepNo,
      SagaStepName step,
      SagaStepStatus stepStatus,
      OffsetDateTime compensatedAt) {
    static Row of(Readable r) {
      String saga = r.get("saga_status", String.class);
      String name = r.get("name", String.class);
      String stepStatus = r.get("step_status", String.class);
      return new Row(
          OrderStatus.valueOf(r.get("order_status", String.class)),
          utc(r.get("placed_at", OffsetDateTime.class)),
          saga == null ? null : SagaStatus.valueOf(saga),
          utc(r.get("updated_at", OffsetDateTime.class)),
          r.get("step_no", Integer.class),
          name == null ? null : SagaStepName.valueOf(name),
          stepStatus == null ? null : SagaStepStatus.valueOf(stepStatus),
          utc(r.get("compensated_at", OffsetDateTime.class)));
    }
  }

  /**
   * The event that describes the state: its step is the one the saga is at (the one started, or
   * being compensated), else the one it last finished (succeeded, failed, compensated); none once
   * the saga has ended.
   */
  private static OrderStatusEvent state(String orderId, List<Row> rows) {
    Row head = rows.get(0);
    if (head.sagaStatus() == null) {
      return new OrderStatusEvent(orderId, head.orderStatus(), null, null, null, head.placedAt());
    }
    Optional<Row> at =
        switch (head.sagaStatus()) {
          case RUNNING ->
              first(rows, SagaStepStatus.STARTED)
                  .or(
                      () ->
                          rows.stream()
                              .filter(r -> r.stepStatus() == SagaStepStatus.SUCCEEDED)
                              .max(Comparator.comparing(Row::stepNo)));
          case COMPENSATING ->
              first(rows, SagaStepStatus.COMPENSATING)
                  .or(
                      () ->
                          rows.stream()
                              .filter(
                                  r ->
                                      r.stepStatus() == SagaStepStatus.COMPENSATED
                                          || r.stepStatus() == SagaStepStatus.COMPENSATION_FAILED)
                              .filter(r -> r.compensatedAt() != null)
                              .max(
                                  Comparator.comparing(Row::compensatedAt)
                                      .thenComparing(Row::stepNo, Comparator.reverseOrder())))
                  .or(() -> first(rows, SagaStepStatus.FAILED));
          default -> Optional.empty();
        };
    return new OrderStatusEvent(
        orderId,
        head.orderStatus(),
        head.sagaStatus(),
        at.map(Row::step).orElse(null),
        at.map(Row::stepStatus).orElse(null),
        head.updatedAt());
  }

  private static Optional<Row> first(List<Row> rows, SagaStepStatus status) {
    return rows.stream().filter(r -> r.stepStatus() == status).findFirst();
  }

  private static OffsetDateTime utc(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
  }
}
