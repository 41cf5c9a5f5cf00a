package dev.junction.orders.saga;

import dev.junction.orders.order.OrderStatus;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A saga with its log, as loaded from the database; also the source object of the {@code Saga}
 * GraphQL type.
 *
 * @param targetStatus the order status compensation ends in ({@code REJECTED} or {@code
 *     CANCELLED}); null while the saga runs forward
 * @param reason why the saga is compensating (the failure of a step, or a cancellation)
 */
public record Saga(
    String orderId,
    SagaStatus status,
    OrderStatus targetStatus,
    String reason,
    String customerId,
    String address,
    String paymentMethod,
    String leaseOwner,
    OffsetDateTime leaseUntil,
    List<RequestedLine> lines,
    List<SagaStep> steps) {

  /** A line as requested by the customer. */
  public record RequestedLine(String productId, int quantity) {}

  /** This saga with these lines and steps. */
  public Saga with(List<RequestedLine> lines, List<SagaStep> steps) {
    return new Saga(
        orderId,
        status,
        targetStatus,
        reason,
        customerId,
        address,
        paymentMethod,
        leaseOwner,
        leaseUntil,
        lines,
        steps);
  }

  /** The step with that name. */
  public SagaStep step(SagaStepName name) {
    return steps.stream().filter(s -> s.name() == name).findFirst().orElseThrow();
  }
}
