package dev.junction.payments.seed;

import dev.junction.payments.payment.Payment;
import dev.junction.payments.payment.PaymentRepository;
import dev.junction.payments.payment.PaymentStatus;
import dev.junction.subgraph.common.money.Money;
import dev.junction.subgraph.common.seed.SeedData;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.r2dbc.connection.init.DatabasePopulator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Seeds the payments from {@link SeedData} when the table is empty, so running it again changes
 * nothing. A seeded payment was created {@link #PAID_AFTER} after its order was placed.
 */
public class PaymentsSeeder implements DatabasePopulator {
  /** How long after placing the order the seeded payment was created. */
  public static final Duration PAID_AFTER = Duration.ofMinutes(2);

  private final PaymentRepository payments;

  public PaymentsSeeder(PaymentRepository payments) {
    this.payments = payments;
  }

  /** Inserts the seed payments if the table is empty. */
  public Mono<Void> seed() {
    return payments
        .count()
        .filter(n -> n == 0)
        .flatMap(n -> Flux.fromIterable(seedPayments()).concatMap(payments::insert).then());
  }

  /** The seed payments, with a creation time derived from the order's placement. */
  public static List<Payment> seedPayments() {
    Map<String, Instant> placedAt =
        SeedData.orders().stream()
            .collect(Collectors.toMap(SeedData.Order::id, SeedData.Order::placedAt));
    Map<String, String> customerOf =
        SeedData.orders().stream()
            .collect(Collectors.toMap(SeedData.Order::id, SeedData.Order::customerId));
    return SeedData.payments().stream()
        .map(
            p ->
                new Payment(
                    p.id(),
                    p.orderId(),
                    Money.ofCents(p.amountCents(), SeedData.CURRENCY),
                    PaymentStatus.valueOf(p.status()),
                    p.providerReference(),
                    placedAt.get(p.orderId()).plus(PAID_AFTER).atOffset(ZoneOffset.UTC),
                    customerOf.get(p.orderId())))
        .toList();
  }

  @Override
  public Mono<Void> populate(Connection connection) {
    return seed();
  }

  @Override
  public Mono<Void> populate(ConnectionFactory connectionFactory) {
    return seed();
  }
}
