package dev.junction.orders.seed;

import dev.junction.orders.order.Order;
import dev.junction.orders.order.OrderLine;
import dev.junction.orders.order.OrderRepository;
import dev.junction.orders.order.OrderStatus;
import dev.junction.subgraph.common.seed.SeedData;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Seeds the demo orders of {@link SeedData#orders()} when {@code junction.seed.enabled} is true and
 * the orders table is empty. Seeding runs in one transaction (readers see no order or all of them),
 * starts when the application has started and is reported by the {@code seed} health indicator.
 */
@Component
public class OrderSeeder {
  private static final Logger log = LoggerFactory.getLogger(OrderSeeder.class);

  private final OrderRepository orders;
  private final boolean enabled;
  private final Mono<Integer> seeding;

  public OrderSeeder(
      OrderRepository orders,
      TransactionalOperator tx,
      @Value("${junction.seed.enabled:false}") boolean enabled) {
    this.orders = orders;
    this.enabled = enabled;
    this.seeding =
        Mono.defer(() -> enabled ? seedIfEmpty().as(tx::transactional) : Mono.just(0)).cache();
  }

  /** Starts seeding in the background once the application has started. */
  @EventListener(ApplicationStartedEvent.class)
  public void onStarted() {
    seeding.subscribe(
        n -> log.info("Order seed done: {} orders inserted (seeding enabled: {})", n, enabled),
        e -> log.error("Order seeding failed", e));
  }

  /**
   * Completes with the number of orders inserted (0 when seeding is disabled or the table was not
   * empty) once seeding has finished; starts it if it has not started yet.
   */
  public Mono<Integer> seeded() {
    return seeding;
  }

  private Mono<Integer> seedIfEmpty() {
    return orders
        .count()
        .flatMap(
            count -> {
              if (count > 0) {
                return Mono.just(0);
              }
              List<SeedData.Order> seed = SeedData.orders();
              return Flux.fromIterable(seed)
                  .concatMap(o -> orders.insert(toOrder(o), toLines(o)))
                  .then(Mono.just(seed.size()));
            });
  }

  static Order toOrder(SeedData.Order o) {
    return new Order(
        o.id(),
        o.customerId(),
        OrderStatus.valueOf(o.status()),
        OffsetDateTime.ofInstant(o.placedAt(), ZoneOffset.UTC),
        o.totalCents(),
        SeedData.CURRENCY);
  }

  static List<OrderLine> toLines(SeedData.Order o) {
    List<OrderLine> lines = new ArrayList<>();
    for (int i = 0; i < o.lines().size(); i++) {
      SeedData.OrderLine l = o.lines().get(i);
      lines.add(
          new OrderLine(
              o.id(),
              i + 1,
              l.productId(),
              l.productName(),
              l.quantity(),
              l.unitPriceCents(),
              SeedData.CURRENCY));
    }
    return lines;
  }
}
