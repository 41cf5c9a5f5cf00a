package dev.junction.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.payments.provider.ChargeOutcome;
import dev.junction.payments.provider.PaymentProviderClient;
import dev.junction.payments.provider.ProviderProperties;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The fake provider of the local stack, driven by the real provider client over HTTP. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.r2dbc.url=r2dbc:h2:mem:///payments_fake;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
          + "DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE",
      "junction.seed.enabled=false",
      "junction.fake-provider.enabled=true",
      "junction.fake-provider.decline-rate=0",
      "junction.fake-provider.latency=5ms"
    })
class FakeProviderTest {
  @LocalServerPort int port;
  PaymentProviderClient client;

  @BeforeEach
  void client() {
    client =
        new PaymentProviderClient(
            new ProviderProperties(
                "http://localhost:" + port,
                Duration.ofSeconds(5),
                2,
                Duration.ofMillis(10),
                50,
                Duration.ofSeconds(1)));
  }

  @Test
  void chargesOncePerKeyAndRefundsOnce() {
    String order = "ord-" + UUID.randomUUID();
    ChargeOutcome first = client.charge(order, new BigDecimal("10.00"), "EUR", "visa").block();
    ChargeOutcome again = client.charge(order, new BigDecimal("10.00"), "EUR", "visa").block();

    assertThat(first.captured()).isTrue();
    assertThat(again.reference()).isEqualTo(first.reference());
    assertThat(client.refund(order).block()).isTrue();
    assertThat(client.refund(order).block()).isTrue();
  }

  @Test
  void declinesTheDeclinedCardAndVoidsRefundedKeys() {
    ChargeOutcome declined =
        client.charge("ord-" + UUID.randomUUID(), BigDecimal.ONE, "EUR", "card-declined").block();
    assertThat(declined.captured()).isFalse();

    String order = "ord-" + UUID.randomUUID();
    assertThat(client.refund(order).block()).isFalse();
    assertThat(client.charge(order, BigDecimal.ONE, "EUR", "visa").block().captured()).isFalse();
  }
}
