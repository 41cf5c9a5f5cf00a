package dev.junction.shipping.seed;

import dev.junction.shipping.shipment.Shipment;
import dev.junction.shipping.shipment.ShipmentRepository;
import dev.junction.shipping.shipment.ShipmentStatus;
import dev.junction.subgraph.common.seed.SeedData;
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
 * Seeds the demo shipments of {@link SeedData#shipments()} when {@code junction.seed.enabled} is
 * true and the shipment table is empty. Seeding runs in one transaction, starts when the
 * application has started and is reported by the {@code seed} health indicator.
 */
@Component
public class ShipmentSeeder {
  private static final Logger log = LoggerFactory.getLogger(ShipmentSeeder.class);

  private final ShipmentRepository shipments;
  private final boolean enabled;
  private final Mono<Integer> seeding;

  public ShipmentSeeder(
      ShipmentRepository shipments,
      TransactionalOperator tx,
      @Value("${junction.seed.enabled:false}") boolean enabled) {
    this.shipments = shipments;
    this.enabled = enabled;
    this.seeding =
        Mono.defer(() -> enabled ? seedIfEmpty().as(tx::transactional) : Mono.just(0)).cache();
  }

  /** Starts seeding in the background once the application has started. */
  @EventListener(ApplicationStartedEvent.class)
  public void onStarted() {
    seeding.subscribe(
        n ->
            log.info("Shipment seed done: {} shipments inserted (seeding enabled: {})", n, enabled),
        e -> log.error("Shipment seeding failed", e));
  }

  /**
   * Completes with the number of shipments inserted (0 when seeding is disabled or the table was
   * not empty) once seeding has finished; starts it if it has not started yet.
   */
  public Mono<Integer> seeded() {
    return seeding;
  }

  private Mono<Integer> seedIfEmpty() {
    return shipments
        .count()
        .flatMap(
            count -> {
              if (count > 0) {
                return Mono.just(0);
              }
              List<SeedData.Shipment> seed = SeedData.shipments();
              return Flux.fromIterable(seed)
                  .concatMap(s -> shipments.insert(toShipment(s)))
                  .then(Mono.just(seed.size()));
            });
  }

  static Shipment toShipment(SeedData.Shipment s) {
    return new Shipment(
        s.id(), s.orderId(), ShipmentStatus.valueOf(s.status()), s.carrier(), s.trackingNumber());
  }
}
