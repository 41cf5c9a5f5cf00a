package dev.junction.orders.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.orders.order.OrderStatus;
import dev.junction.orders.saga.SagaStatus;
import dev.junction.orders.saga.SagaStepName;
import dev.junction.orders.saga.SagaStepStatus;
import dev.junction.subgraph.common.events.InProcessEventHub;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** {@link OrderStatusStream#follow}: the first state, then the live changes, without gaps. */
class OrderStatusFollowTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  private static final String ID = "ord-1";

  private final InProcessEventHub<OrderStatusEvent> hub = new InProcessEventHub<>();

  private static OrderStatusEvent running(SagaStepName step, SagaStepStatus status, long micros) {
    return OrderStatusEvent.of(
        ID, OrderStatus.PENDING, SagaStatus.RUNNING, step, status, T0.plusNanos(micros * 1000));
  }

  private static OrderStatusEvent confirmed(long micros) {
    return OrderStatusEvent.of(
        ID, OrderStatus.CONFIRMED, SagaStatus.COMPLETED, null, null, T0.plusNanos(micros * 1000));
  }

  private void publish(OrderStatusEvent e) {
    hub.publish(ID, e);
  }

  @Test
  void theFirstStateThenEveryChangeInOrderUntilTheTerminalOne() {
    OrderStatusEvent first = running(SagaStepName.CHECK_CUSTOMER, SagaStepStatus.STARTED, 1);
    StepVerifier.create(OrderStatusStream.follow(Mono.just(first), hub.subscribe(ID), 16))
        .expectNext(first)
        .then(
            () -> {
              publish(running(SagaStepName.CHECK_CUSTOMER, SagaStepStatus.SUCCEEDED, 2));
              publish(running(SagaStepName.PRICE_ORDER, SagaStepStatus.STARTED, 3));
              publish(confirmed(4));
              publish(running(SagaStepName.PRICE_ORDER, SagaStepStatus.SUCCEEDED, 5));
            })
        .expectNext(running(SagaStepName.CHECK_CUSTOMER, SagaStepStatus.SUCCEEDED, 2))
        .expectNext(running(SagaStepName.PRICE_ORDER, SagaStepStatus.STARTED, 3))
        .expectNext(confirmed(4))
        .expectComplete()
        .verify(WAIT);
    assertThat(hub.activeKeys()).as("the live subscription ends with the stream").isZero();
  }

  @Test
  void changesMadeWhileTheStateIsReadAreKeptAndOlderOnesDropped() {
    Sinks.One<OrderStatusEvent> read = Sinks.one();
    OrderStatusEvent state = running(SagaStepName.PRICE_ORDER, SagaStepStatus.STARTED, 10);
    StepVerifier.create(OrderStatusStream.follow(read.asMono(), hub.subscribe(ID), 16))
        .then(
            () -> {
              // published after the subscriber listened but before its read returned
              publish(running(SagaStepName.CHECK_CUSTOMER, SagaStepStatus.SUCCEEDED, 5));
              publish(state);
              publish(running(SagaStepName.PRICE_ORDER, SagaStepStatus.SUCCEEDED, 11));
              read.tryEmitValue(state);
            })
        .expectNext(state)
        .expectNext(running(SagaStepName.PRICE_ORDER, SagaStepStatus.SUCCEEDED, 11))
        .then(() -> publish(confirmed(12)))
        .expectNext(confirmed(12))
        .expectComplete()
        .verify(WAIT);
  }

  @Test
  void aRepeatedStateIsReportedOnce() {
    OrderStatusEvent first = running(SagaStepName.RESERVE_STOCK, SagaStepStatus.STARTED, 1);
    StepVerifier.create(OrderStatusStream.follow(Mono.just(first), hub.subscribe(ID), 16))
        .expectNext(first)
        .then(
            () -> {
              // a retried attempt logs STARTED again
              publish(running(SagaStepName.RESERVE_STOCK, SagaStepStatus.STARTED, 2));
              publish(running(SagaStepName.RESERVE_STOCK, SagaStepStatus.SUCCEEDED, 3));
            })
        .expectNext(running(SagaStepName.RESERVE_STOCK, SagaStepStatus.SUCCEEDED, 3))
        .thenCancel()
        .verify(WAIT);
    assertThat(hub.activeKeys()).isZero();
  }

  @Test
  void aTerminalStateIsReportedOnceAndCompletes() {
    StepVerifier.create(OrderStatusStream.follow(Mono.just(confirmed(1)), hub.subscribe(ID), 16))
        .expectNext(confirmed(1))
        .expectComplete()
        .verify(WAIT);
    assertThat(hub.activeKeys()).isZero();
  }

  @Test
  void aFailedReadFailsTheStreamAndStopsListening() {
    StepVerifier.create(
            OrderStatusStream.follow(
                Mono.error(new IllegalStateException("db down")), hub.subscribe(ID), 16))
        .expectErrorMessage("db down")
        .verify(WAIT);
    assertThat(hub.activeKeys()).isZero();
  }

  @Test
  void aSubscriberTooFarBehindFailsWithAnOverflow() {
    Sinks.One<OrderStatusEvent> read = Sinks.one();
    StepVerifier.create(OrderStatusStream.follow(read.asMono(), hub.subscribe(ID), 2))
        .then(
            () -> {
              for (int i = 1; i <= 20; i++) {
                publish(running(SagaStepName.PRICE_ORDER, SagaStepStatus.STARTED, i));
              }
              read.tryEmitValue(running(SagaStepName.CHECK_CUSTOMER, SagaStepStatus.STARTED, 0));
            })
        .expectNext(running(SagaStepName.CHECK_CUSTOMER, SagaStepStatus.STARTED, 0))
        .thenConsumeWhile(e -> e.step() == SagaStepName.PRICE_ORDER)
        .expectErrorMatches(Exceptions::isOverflow)
        .verify(WAIT);
    assertThat(hub.activeKeys()).isZero();
  }
}
