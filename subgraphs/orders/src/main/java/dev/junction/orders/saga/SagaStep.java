package dev.junction.orders.saga;

import java.time.OffsetDateTime;

/**
 * One step of a saga as logged; also the source object of the {@code SagaStep} GraphQL type.
 *
 * @param attempts the number of remote calls made for the step (forward direction)
 */
public record SagaStep(
    String orderId,
    int stepNo,
    SagaStepName name,
    SagaStepStatus status,
    int attempts,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt,
    OffsetDateTime compensatedAt,
    String failureReason) {}
