package dev.junction.orders.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.orders.order.Order;
import dev.junction.orders.order.OrderStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The invariants every finished checkout saga must leave behind. */
final class SagaInvariants {
  private SagaInvariants() {}

  /**
   * The saga invariants over these orders: every saga terminal; stock conserved; charged = captured
   * - refunded = the totals of confirmed orders; points never negative and credited only for
   * confirmed orders; one shipment per confirmed order; each effect at most once per order.
   */
  static void check(
      FakeSubgraphs fake,
      Function<String, Order> order,
      Function<String, Saga> saga,
      List<String> ids) {
    synchronized (fake) {
      for (String product : fake.initialStock.keySet()) {
        assertThat(fake.available.get(product) + fake.reserved(product))
            .as("stock of %s conserved", product)
            .isEqualTo(fake.initialStock.get(product));
        assertThat(fake.available.get(product)).isNotNegative();
      }
      fake.balance.values().forEach(b -> assertThat(b).isNotNegative());
      Set<String> confirmed = new HashSet<>();
      for (String id : ids) {
        Order o = order.apply(id);
        Saga s = saga.apply(id);
        assertThat(s.status().terminal()).as("saga %s terminal", id).isTrue();
        long charged = fake.captured.getOrDefault(id, 0L) - fake.refunded.getOrDefault(id, 0L);
        boolean credited = fake.pointsByReason.containsKey("order " + id);
        boolean revoked = fake.pointsByReason.containsKey("order " + id + " revoked");
        if (o.status() == OrderStatus.CONFIRMED) {
          confirmed.add(id);
          assertThat(s.status()).isEqualTo(SagaStatus.COMPLETED);
          assertThat(fake.reservationActive.get(id)).isTrue();
          assertThat(charged).isEqualTo(o.totalCents());
          assertThat(credited && !revoked).isTrue();
          assertThat(fake.shipments.get(id)).isEqualTo("LABEL_CREATED");
        } else {
          assertThat(o.status()).isIn(OrderStatus.REJECTED, OrderStatus.CANCELLED);
          assertThat(s.status()).isEqualTo(SagaStatus.COMPENSATED);
          assertThat(fake.reservationActive.getOrDefault(id, false)).isFalse();
          assertThat(charged).as("net charge of %s", id).isZero();
          assertThat(credited).isEqualTo(revoked);
          assertThat(fake.shipments.getOrDefault(id, "CANCELLED")).isEqualTo("CANCELLED");
        }
      }
      long capturedMinusRefunded =
          fake.captured.values().stream().mapToLong(Long::longValue).sum()
              - fake.refunded.values().stream().mapToLong(Long::longValue).sum();
      long confirmedTotals = confirmed.stream().mapToLong(id -> order.apply(id).totalCents()).sum();
      if (fake.captured.keySet().stream().allMatch(ids::contains)) {
        assertThat(capturedMinusRefunded).isEqualTo(confirmedTotals);
      }
      assertThat(fake.effects("chargePayment")).isEqualTo(fake.captured.size());
      assertThat(fake.effects("reserveStock")).isEqualTo(fake.reservations.size());
      assertThat(fake.effects("creditPoints"))
          .isEqualTo(
              (int)
                  fake.pointsByReason.keySet().stream()
                      .filter(r -> !r.endsWith("revoked"))
                      .count());
    }
  }
}
