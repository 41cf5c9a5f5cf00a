package dev.junction.orders.saga;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * In-process participants with the same idempotency rules as the real subgraphs (stock reserved
 * once per order, charge once per order, points once per reason, one shipment per order), keeping
 * state so that tests can check the saga invariants. Failures and slow answers can be injected per
 * operation; a slow answer takes effect first and answers late, like a remote call whose response
 * is lost to a time-out.
 */
final class FakeSubgraphs implements SagaParticipants {
  static final String DECLINED_CARD = "card-declined";
  static final String UNDELIVERABLE = "nowhere";

  final Map<String, Integer> initialStock = new HashMap<>();
  final Map<String, Integer> available = new HashMap<>();
  final Map<String, SagaParticipants.PricedProduct> products = new HashMap<>();
  final Map<String, Map<String, Integer>> reservations = new HashMap<>();
  final Map<String, Boolean> reservationActive = new HashMap<>();
  final Map<String, Long> captured = new HashMap<>();
  final Map<String, Long> refunded = new HashMap<>();
  final Map<String, Boolean> declined = new HashMap<>();
  final Map<String, Integer> balance = new HashMap<>();
  final Map<String, Integer> pointsByReason = new HashMap<>();
  final Map<String, String> shipments = new HashMap<>();
  final Map<String, AtomicInteger> effects = new HashMap<>();
  final Map<String, AtomicInteger> calls = new HashMap<>();
  private final Map<String, List<RuntimeException>> failures = new HashMap<>();
  private final Map<String, List<Duration>> delays = new HashMap<>();

  FakeSubgraphs() {
    reset();
  }

  synchronized void reset() {
    initialStock.clear();
    available.clear();
    products.clear();
    reservations.clear();
    reservationActive.clear();
    captured.clear();
    refunded.clear();
    declined.clear();
    balance.clear();
    pointsByReason.clear();
    shipments.clear();
    effects.clear();
    calls.clear();
    failures.clear();
    delays.clear();
    product("p-1", "Kettle", 2_499, 100);
    product("p-2", "Teapot", 1_250, 100);
    product("p-3", "Mug", 399, 1);
    balance.put("c-1", 0);
    balance.put("c-2", 0);
  }

  synchronized void product(String id, String name, long cents, int stock) {
    products.put(id, new PricedProduct(id, name, cents, "EUR"));
    initialStock.put(id, stock);
    available.put(id, stock);
  }

  /** The next {@code times} calls of {@code operation} fail with {@code error} (no effect). */
  synchronized void fail(String operation, RuntimeException error, int times) {
    List<RuntimeException> list = failures.computeIfAbsent(operation, k -> new ArrayList<>());
    for (int i = 0; i < times; i++) {
      list.add(error);
    }
  }

  /** The next {@code times} calls of {@code operation} take effect, then answer after {@code d}. */
  synchronized void slow(String operation, Duration d, int times) {
    List<Duration> list = delays.computeIfAbsent(operation, k -> new ArrayList<>());
    for (int i = 0; i < times; i++) {
      list.add(d);
    }
  }

  synchronized int effects(String operation) {
    AtomicInteger n = effects.get(operation);
    return n == null ? 0 : n.get();
  }

  synchronized int calls(String operation) {
    AtomicInteger n = calls.get(operation);
    return n == null ? 0 : n.get();
  }

  synchronized int reserved(String productId) {
    int sum = 0;
    for (Map.Entry<String, Map<String, Integer>> r : reservations.entrySet()) {
      if (reservationActive.get(r.getKey())) {
        sum += r.getValue().getOrDefault(productId, 0);
      }
    }
    return sum;
  }

  private <T> Mono<T> op(String operation, java.util.function.Supplier<T> effect) {
    return Mono.defer(
        () -> {
          Duration delay;
          synchronized (this) {
            calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
            List<RuntimeException> f = failures.get(operation);
            if (f != null && !f.isEmpty()) {
              return Mono.error(f.remove(0));
            }
            List<Duration> d = delays.get(operation);
            delay = d != null && !d.isEmpty() ? d.remove(0) : Duration.ZERO;
          }
          T result;
          synchronized (this) {
            result = effect.get();
          }
          Mono<T> answer = result == null ? Mono.empty() : Mono.just(result);
          return delay.isZero() ? answer : answer.delaySubscription(delay);
        });
  }

  private void effect(String operation) {
    effects.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public Mono<Void> checkCustomer(String customerId) {
    return op(
            "checkCustomer",
            () -> {
              if (!balance.containsKey(customerId)) {
                throw RemoteCallException.permanent("NOT_FOUND", "No customer " + customerId);
              }
              return null;
            })
        .then();
  }

  @Override
  public Mono<List<PricedProduct>> prices(List<String> productIds) {
    return op(
        "prices",
        () -> {
          List<PricedProduct> out = new ArrayList<>();
          for (String id : productIds) {
            PricedProduct p = products.get(id);
            if (p == null) {
              throw RemoteCallException.permanent("NOT_FOUND", "No product " + id);
            }
            out.add(p);
          }
          return out;
        });
  }

  @Override
  public Mono<Void> reserveStock(String orderId, List<Saga.RequestedLine> lines) {
    return op(
            "reserveStock",
            () -> {
              if (reservations.containsKey(orderId)) {
                return null;
              }
              for (Saga.RequestedLine l : lines) {
                if (available.getOrDefault(l.productId(), 0) < l.quantity()) {
                  throw RemoteCallException.permanent(
                      "INSUFFICIENT_STOCK", "Not enough " + l.productId());
                }
              }
              Map<String, Integer> r = new HashMap<>();
              for (Saga.RequestedLine l : lines) {
                available.merge(l.productId(), -l.quantity(), Integer::sum);
                r.put(l.productId(), l.quantity());
              }
              reservations.put(orderId, r);
              reservationActive.put(orderId, true);
              effect("reserveStock");
              return null;
            })
        .then();
  }

  @Override
  public Mono<Void> releaseStock(String orderId) {
    return op(
            "releaseStock",
            () -> {
              Map<String, Integer> r = reservations.get(orderId);
              if (r == null) {
                throw RemoteCallException.permanent("NOT_FOUND", "No reservation " + orderId);
              }
              if (reservationActive.get(orderId)) {
                r.forEach((p, q) -> available.merge(p, q, Integer::sum));
                reservationActive.put(orderId, false);
                effect("releaseStock");
              }
              return null;
            })
        .then();
  }

  @Override
  public Mono<Void> chargePayment(
      String orderId, long amountCents, String currency, String method) {
    return op(
            "chargePayment",
            () -> {
              if (declined.containsKey(orderId) || DECLINED_CARD.equals(method)) {
                declined.put(orderId, true);
                throw RemoteCallException.permanent("PAYMENT_DECLINED", "Card declined");
              }
              if (!captured.containsKey(orderId) && !refunded.containsKey(orderId)) {
                captured.put(orderId, amountCents);
                effect("chargePayment");
              }
              return null;
            })
        .then();
  }

  @Override
  public Mono<Void> refundPayment(String orderId) {
    return op(
            "refundPayment",
            () -> {
              Long amount = captured.get(orderId);
              if (amount != null && !refunded.containsKey(orderId)) {
                refunded.put(orderId, amount);
                effect("refundPayment");
              }
              return null;
            })
        .then();
  }

  @Override
  public Mono<Void> creditPoints(String customerId, int points, String reason) {
    return op(
            "creditPoints",
            () -> {
              if (!pointsByReason.containsKey(reason)) {
                pointsByReason.put(reason, points);
                balance.merge(customerId, points, Integer::sum);
                effect("creditPoints");
              }
              return null;
            })
        .then();
  }

  @Override
  public Mono<Void> revokePoints(String customerId, int points, String reason) {
    return op(
            "revokePoints",
            () -> {
              if (!pointsByReason.containsKey(reason)) {
                if (balance.get(customerId) < points) {
                  throw RemoteCallException.permanent("INSUFFICIENT_POINTS", "Not enough points");
                }
                pointsByReason.put(reason, -points);
                balance.merge(customerId, -points, Integer::sum);
                effect("revokePoints");
              }
              return null;
            })
        .then();
  }

  @Override
  public Mono<Void> createShipment(String orderId, String address) {
    return op(
            "createShipment",
            () -> {
              if (UNDELIVERABLE.equals(address)) {
                throw RemoteCallException.permanent("BAD_USER_INPUT", "Undeliverable address");
              }
              if (!shipments.containsKey(orderId)) {
                shipments.put(orderId, "LABEL_CREATED");
                effect("createShipment");
              }
              return null;
            })
        .then();
  }

  @Override
  public Mono<Void> cancelShipment(String orderId) {
    return op(
            "cancelShipment",
            () -> {
              String status = shipments.get(orderId);
              if ("IN_TRANSIT".equals(status)) {
                throw RemoteCallException.permanent("SHIPMENT_ALREADY_SHIPPED", "Shipped");
              }
              if (!"CANCELLED".equals(status)) {
                shipments.put(orderId, "CANCELLED");
                if (status != null) {
                  effect("cancelShipment");
                }
              }
              return null;
            })
        .then();
  }
}
