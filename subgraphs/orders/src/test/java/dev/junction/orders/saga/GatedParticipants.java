package dev.junction.orders.saga;

import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@link FakeSubgraphs} whose {@code checkCustomer} can be held: after {@link #hold()} the next
 * saga stops in its first step (its intent logged) until {@link #release()}, so that a test can
 * subscribe to an order whose saga is under way.
 */
final class GatedParticipants implements SagaParticipants {
  private static final Duration MAX_HOLD = Duration.ofSeconds(20);

  final FakeSubgraphs fake = new FakeSubgraphs();
  private volatile Sinks.One<Void> gate;
  private volatile Sinks.One<String> arrived = Sinks.one();

  /** Holds the next sagas in their first step. */
  synchronized void hold() {
    gate = Sinks.one();
    arrived = Sinks.one();
  }

  /** Emits the customer of the first saga held since {@link #hold()}. */
  Mono<String> arrived() {
    return arrived.asMono();
  }

  /** Lets the held sagas go on, and the next ones pass. */
  synchronized void release() {
    Sinks.One<Void> g = gate;
    gate = null;
    if (g != null) {
      g.tryEmitEmpty();
    }
  }

  @Override
  public Mono<Void> checkCustomer(String customerId) {
    Sinks.One<Void> g = gate;
    Sinks.One<String> a = arrived;
    if (g == null) {
      return fake.checkCustomer(customerId);
    }
    return Mono.defer(
        () -> {
          a.tryEmitValue(customerId);
          return g.asMono().timeout(MAX_HOLD).then(fake.checkCustomer(customerId));
        });
  }

  @Override
  public Mono<List<PricedProduct>> prices(List<String> productIds) {
    return fake.prices(productIds);
  }

  @Override
  public Mono<Void> reserveStock(String orderId, List<Saga.RequestedLine> lines) {
    return fake.reserveStock(orderId, lines);
  }

  @Override
  public Mono<Void> releaseStock(String orderId) {
    return fake.releaseStock(orderId);
  }

  @Override
  public Mono<Void> chargePayment(
      String orderId, long amountCents, String currency, String method) {
    return fake.chargePayment(orderId, amountCents, currency, method);
  }

  @Override
  public Mono<Void> refundPayment(String orderId) {
    return fake.refundPayment(orderId);
  }

  @Override
  public Mono<Void> creditPoints(String customerId, int points, String reason) {
    return fake.creditPoints(customerId, points, reason);
  }

  @Override
  public Mono<Void> revokePoints(String customerId, int points, String reason) {
    return fake.revokePoints(customerId, points, reason);
  }

  @Override
  public Mono<Void> createShipment(String orderId, String address) {
    return fake.createShipment(orderId, address);
  }

  @Override
  public Mono<Void> cancelShipment(String orderId) {
    return fake.cancelShipment(orderId);
  }
}
