package dev.junction.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.netflix.graphql.dgs.DgsQueryExecutor;
import dev.junction.payments.payment.PaymentService;
import dev.junction.payments.provider.PaymentProviderClient;
import dev.junction.payments.provider.ProviderUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.test.StepVerifier;

/**
 * {@code chargePayment} / {@code refundPayment} against a WireMock payment provider: captured,
 * declined, time-out then success, 5xx, garbage, refunds, and the circuit breaker.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.r2dbc.url=r2dbc:h2:mem:///payments_provider;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
          + "DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE",
      "junction.seed.enabled=false",
      "junction.payments.provider.timeout=800ms",
      "junction.payments.provider.retry-wait=10ms",
      "junction.payments.provider.max-attempts=3",
      "junction.payments.provider.failure-rate-threshold=100"
    })
class PaymentProviderTest {
  static final WireMockServer provider = new WireMockServer(options().dynamicPort());

  static {
    provider.start();
  }

  @DynamicPropertySource
  static void providerUrl(DynamicPropertyRegistry registry) {
    registry.add("junction.payments.provider.url", provider::baseUrl);
  }

  @AfterAll
  static void stop() {
    provider.stop();
  }

  @Autowired DgsQueryExecutor dgs;
  @Autowired PaymentProviderClient client;

  private static final String CHARGE =
      "mutation($o: ID!, $a: Decimal!, $m: String!) { chargePayment(orderId: $o, amount: $a,"
          + " method: $m) { id status providerReference amount { amount currency } } }";
  private static final String REFUND =
      "mutation($o: ID!) { refundPayment(orderId: $o) { id status } }";

  String order;

  private static boolean warm;

  @BeforeEach
  void reset() {
    if (!warm) {
      // The first call of a cold JVM (connection pool, codecs) can exceed the short time-out.
      provider.stubFor(post("/v1/refunds").willReturn(aResponse().withStatus(404)));
      client.refund("warm-up").block();
      warm = true;
    }
    provider.resetAll();
    client.circuitBreaker().reset();
    order = "ord-" + UUID.randomUUID();
  }

  DocumentContext charge(String method) {
    return JsonPath.parse(
        dgs.execute(CHARGE, Map.of("o", order, "a", "62.48", "m", method)).toSpecification());
  }

  DocumentContext refund() {
    return JsonPath.parse(dgs.execute(REFUND, Map.of("o", order)).toSpecification());
  }

  static void captures() {
    provider.stubFor(
        post("/v1/charges").willReturn(okJson("{\"id\":\"ch_1\",\"status\":\"succeeded\"}")));
  }

  @Test
  void capturedOnceWithTheOrderAsIdempotencyKey() {
    captures();
    DocumentContext first = charge("visa");
    DocumentContext again = charge("visa");

    assertThat(first.<String>read("$.data.chargePayment.status")).isEqualTo("CAPTURED");
    assertThat(first.<String>read("$.data.chargePayment.providerReference")).isEqualTo("ch_1");
    assertThat(first.<String>read("$.data.chargePayment.id"))
        .isEqualTo(PaymentService.sagaPaymentId(order));
    assertThat(again.<String>read("$.data.chargePayment.status")).isEqualTo("CAPTURED");
    provider.verify(
        1,
        postRequestedFor(urlEqualTo("/v1/charges"))
            .withHeader(PaymentProviderClient.IDEMPOTENCY_KEY, equalTo(order))
            .withRequestBody(matchingJsonPath("$.amount", equalTo("62.48"))));
  }

  @Test
  void declinedIsAnErrorAndStaysDeclined() {
    provider.stubFor(
        post("/v1/charges")
            .willReturn(
                aResponse()
                    .withStatus(402)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"status\":\"declined\",\"reason\":\"insufficient_funds\"}")));
    DocumentContext first = charge("visa");
    DocumentContext again = charge("visa");

    assertThat(first.<String>read("$.errors[0].extensions.code"))
        .isEqualTo(PaymentService.PAYMENT_DECLINED);
    assertThat(first.<List<String>>read("$.errors[0].path")).containsExactly("chargePayment");
    assertThat(again.<String>read("$.errors[0].extensions.code"))
        .isEqualTo(PaymentService.PAYMENT_DECLINED);
    provider.verify(1, postRequestedFor(urlEqualTo("/v1/charges")));
  }

  @Test
  void timeOutThenSuccessIsRetriedWithTheSameKey() {
    provider.stubFor(
        post("/v1/charges")
            .inScenario("slow")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson("{\"id\":\"ch_2\",\"status\":\"succeeded\"}").withFixedDelay(2_500))
            .willSetStateTo("fast"));
    provider.stubFor(
        post("/v1/charges")
            .inScenario("slow")
            .whenScenarioStateIs("fast")
            .willReturn(okJson("{\"id\":\"ch_2\",\"status\":\"succeeded\"}")));

    DocumentContext json = charge("visa");

    assertThat(json.<String>read("$.data.chargePayment.status")).isEqualTo("CAPTURED");
    provider.verify(
        2,
        postRequestedFor(urlEqualTo("/v1/charges"))
            .withHeader(PaymentProviderClient.IDEMPOTENCY_KEY, equalTo(order)));
  }

  @Test
  void serverErrorsAndGarbageAreRetriedThenUnavailableAndResumable() {
    provider.stubFor(
        post("/v1/charges")
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("garbage"));
    provider.stubFor(
        post("/v1/charges")
            .inScenario("flaky")
            .whenScenarioStateIs("garbage")
            .willReturn(aResponse().withStatus(200).withBody("<html>oops"))
            .willSetStateTo("500"));
    provider.stubFor(
        post("/v1/charges")
            .inScenario("flaky")
            .whenScenarioStateIs("500")
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("ok"));
    provider.stubFor(
        post("/v1/charges")
            .inScenario("flaky")
            .whenScenarioStateIs("ok")
            .willReturn(okJson("{\"id\":\"ch_3\",\"status\":\"succeeded\"}")));

    DocumentContext failed = charge("visa");
    assertThat(failed.<String>read("$.errors[0].extensions.code"))
        .isEqualTo(PaymentService.PAYMENT_PROVIDER_UNAVAILABLE);
    assertThat(failed.<String>read("$.errors[0].message")).doesNotContain("Exception");
    provider.verify(3, postRequestedFor(urlEqualTo("/v1/charges")));

    DocumentContext resumed = charge("visa");
    assertThat(resumed.<String>read("$.data.chargePayment.status")).isEqualTo("CAPTURED");
    assertThat(resumed.<String>read("$.data.chargePayment.providerReference")).isEqualTo("ch_3");
  }

  @Test
  void refundOnceAfterCapture() {
    captures();
    provider.stubFor(
        post("/v1/refunds").willReturn(okJson("{\"id\":\"re_1\",\"status\":\"succeeded\"}")));
    charge("visa");

    assertThat(refund().<String>read("$.data.refundPayment.status")).isEqualTo("REFUNDED");
    assertThat(refund().<String>read("$.data.refundPayment.status")).isEqualTo("REFUNDED");
    provider.verify(
        1,
        postRequestedFor(urlEqualTo("/v1/refunds"))
            .withHeader(PaymentProviderClient.IDEMPOTENCY_KEY, equalTo("refund-" + order)));
  }

  @Test
  void refundBeforeChargeCancelsTheLateCharge() {
    captures();
    assertThat(refund().<String>read("$.data.refundPayment.status")).isEqualTo("FAILED");

    DocumentContext late = charge("visa");

    assertThat(late.<String>read("$.errors[0].extensions.code"))
        .isEqualTo(PaymentService.PAYMENT_CANCELLED);
    provider.verify(0, postRequestedFor(urlEqualTo("/v1/charges")));
  }

  @Test
  void badAmountIsBadInput() {
    DocumentContext json =
        JsonPath.parse(
            dgs.execute(CHARGE, Map.of("o", order, "a", "-1", "m", "visa")).toSpecification());
    assertThat(json.<String>read("$.errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
    assertThat(json.<List<String>>read("$.errors[0].path")).containsExactly("chargePayment");
  }

  @Test
  void circuitBreakerOpensAndFailsFast() {
    provider.stubFor(post("/v1/charges").willReturn(aResponse().withStatus(502)));
    for (int i = 0; i < 2; i++) {
      StepVerifier.create(client.charge(order, new BigDecimal("1.00"), "EUR", "visa"))
          .expectError(ProviderUnavailableException.class)
          .verify();
    }
    assertThat(client.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    int before = provider.getAllServeEvents().size();

    StepVerifier.create(client.charge(order, new BigDecimal("1.00"), "EUR", "visa"))
        .expectError(ProviderUnavailableException.class)
        .verify();

    assertThat(provider.getAllServeEvents()).hasSize(before);
  }
}
