package dev.junction.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.payments.payment.Payment;
import dev.junction.payments.payment.PaymentRepository;
import dev.junction.payments.payment.PaymentService;
import dev.junction.payments.payment.PaymentStatus;
import dev.junction.payments.seed.PaymentsSeeder;
import dev.junction.subgraph.common.money.Money;
import dev.junction.subgraph.common.seed.SeedData;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import reactor.test.StepVerifier;

/** Repository and service against a real database; subclasses pick H2 or PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
abstract class AbstractPaymentsPersistenceTest {
  @Autowired PaymentRepository payments;
  @Autowired PaymentService service;
  @Autowired PaymentsSeeder seeder;

  @Test
  void seedIsCompleteAndIdempotent() {
    StepVerifier.create(seeder.seed().then(seeder.seed()).then(payments.count()))
        .assertNext(n -> assertThat(n).isGreaterThanOrEqualTo(30))
        .verifyComplete();
    List<String> ids = SeedData.payments().stream().map(SeedData.Payment::id).toList();
    StepVerifier.create(payments.findByIds(ids).collectList())
        .assertNext(
            found -> {
              assertThat(found).hasSize(30);
              assertThat(found).containsExactlyInAnyOrderElementsOf(PaymentsSeeder.seedPayments());
              for (SeedData.Order o : SeedData.orders()) {
                Payment p =
                    found.stream()
                        .filter(x -> x.orderId().equals(o.id()))
                        .findFirst()
                        .orElseThrow();
                assertThat(p.amount().cents()).isEqualTo(o.totalCents());
              }
            })
        .verifyComplete();
  }

  @Test
  void currentPaymentIsTheNewestAttemptPerOrder() {
    String order = "ord-attempts-" + System.nanoTime();
    OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    Payment declined =
        new Payment(
            order + "-a", order, Money.ofCents(4999, "EUR"), PaymentStatus.DECLINED, null, t0);
    Payment captured =
        new Payment(
            order + "-b",
            order,
            Money.ofCents(4999, "EUR"),
            PaymentStatus.CAPTURED,
            "psp_retry",
            t0.plusSeconds(30));
    payments.insert(captured).then(payments.insert(declined)).block();

    StepVerifier.create(payments.findByOrderIds(List.of(order, "ord-none")).collectList())
        .assertNext(
            rows ->
                assertThat(rows)
                    .extracting(Payment::id)
                    .containsExactly(order + "-b", order + "-a"))
        .verifyComplete();
    StepVerifier.create(service.currentByOrderIds(List.of(order, "ord-none", "ord-0001")))
        .assertNext(
            m -> {
              assertThat(m).containsOnlyKeys(order, "ord-0001");
              assertThat(m.get(order)).isEqualTo(captured);
            })
        .verifyComplete();
  }

  @Test
  void moneyTimeAndNullReferenceRoundTrip() {
    String id = "pay-rt-" + System.nanoTime();
    OffsetDateTime at = OffsetDateTime.parse("2026-03-01T10:15:30.123456Z");
    Payment p =
        new Payment(
            id,
            "ord-rt",
            new Money(new BigDecimal("12.5"), "EUR"),
            PaymentStatus.PENDING,
            null,
            at);
    StepVerifier.create(payments.insert(p).then(payments.findById(id)))
        .assertNext(
            stored -> {
              assertThat(stored.amount().amount()).isEqualByComparingTo("12.50");
              assertThat(stored.amount().amount().scale()).isEqualTo(2);
              assertThat(stored.providerReference()).isNull();
              assertThat(stored.createdAt().toInstant()).isEqualTo(at.toInstant());
              assertThat(stored.status()).isEqualTo(PaymentStatus.PENDING);
            })
        .verifyComplete();
  }

  @Test
  void unknownPaymentIsNotFound() {
    StepVerifier.create(service.get("pay-unknown"))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .hasMessageContaining("pay-unknown")
                    .extracting("code")
                    .isEqualTo("NOT_FOUND"))
        .verify();
    StepVerifier.create(payments.findByIds(List.of())).verifyComplete();
    StepVerifier.create(payments.findByOrderIds(List.of())).verifyComplete();
  }
}
