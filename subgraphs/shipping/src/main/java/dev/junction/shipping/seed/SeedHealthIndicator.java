package dev.junction.shipping.seed;

import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code seed} health: DOWN until the demo data is in place, UP afterwards. */
@Component("seed")
public class SeedHealthIndicator implements ReactiveHealthIndicator {
  private final ShipmentSeeder seeder;

  public SeedHealthIndicator(ShipmentSeeder seeder) {
    this.seeder = seeder;
  }

  @Override
  public Mono<Health> health() {
    return seeder
        .seeded()
        .map(n -> Health.up().build())
        .timeout(
            Duration.ofSeconds(2), Mono.just(Health.down().withDetail("seed", "running").build()))
        .onErrorResume(e -> Mono.just(Health.down().withDetail("seed", "failed").build()));
  }
}
