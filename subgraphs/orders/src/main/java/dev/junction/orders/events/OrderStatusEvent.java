package dev.junction.orders.events;

import dev.junction.orders.order.OrderStatus;
import dev.junction.orders.saga.SagaStatus;
import dev.junction.orders.saga.SagaStepName;
import dev.junction.orders.saga.SagaStepStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * One state change of an order's checkout saga, as the saga made it; also the source object of the
 * {@code OrderStatusEvent} GraphQL type ({@code order} is resolved by a data fetcher).
 *
 * @param status the order's status after the change
 * @param sagaStatus the saga's status after the change; null for an order without a saga
 * @param step the step that changed; null when the change is the saga's own (its end, the start of
 *     a cancellation) or unknown
 * @param stepStatus the step's status after the change; null when {@code step} is
 * @param at when the change was made (the time the saga logged it), in UTC
 */
public record OrderStatusEvent(
    String orderId,
    OrderStatus status,
    SagaStatus sagaStatus,
    SagaStepName step,
    SagaStepStatus stepStatus,
    OffsetDateTime at) {

  /** An event made at {@code at}, kept to the microsecond as the saga log keeps it. */
  public static OrderStatusEvent of(
      String orderId,
      OrderStatus status,
      SagaStatus sagaStatus,
      SagaStepName step,
      SagaStepStatus stepStatus,
      Instant at) {
    return new OrderStatusEvent(
        orderId,
        status,
        sagaStatus,
        step,
        stepStatus,
        OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
  }

  /** Whether no change follows: the saga has ended, or the order has no saga. */
  public boolean terminal() {
    return sagaStatus == null || sagaStatus.terminal();
  }

  /** The state this event reports, without its time: two events with equal states say the same. */
  record State(
      OrderStatus status, SagaStatus sagaStatus, SagaStepName step, SagaStepStatus stepStatus) {}

  State state() {
    return new State(status, sagaStatus, step, stepStatus);
  }
}
