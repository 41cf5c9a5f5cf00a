package dev.junction.orders.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.orders.events.OrderStatusEvent;
import dev.junction.subgraph.common.events.InProcessEventHub;
import dev.junction.subgraph.common.testing.GraphQlWsClient;
import dev.junction.subgraph.common.testing.TestCallers;
import dev.junction.subgraph.common.trust.CallerTokens;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * {@code orderStatusChanged} over a real WebSocket (graphql-transport-ws) on {@code /graphql}, with
 * caller authentication on: every saga step in order, the terminal state and completion; the owner
 * check on the connection's end user; a handshake without the caller credential refused.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      TestCallers.PROPERTY,
      // a database of its own: no seed data here, and its orders must not stop the seeding of the
      // other tests' database
      "spring.r2dbc.url=r2dbc:h2:mem:///orders_subscriptions;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
          + "DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE",
      "junction.seed.enabled=false",
      "junction.saga.call-timeout=20s",
      "junction.saga.retry-wait=10ms",
      "junction.saga.recovery-interval=0"
    })
@Import(OrderStatusSubscriptionTest.Participants.class)
class OrderStatusSubscriptionTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String OWNER = "c-1";
  private static final String OTHER = "c-2";
  private static final String SUBSCRIPTION =
      "subscription($id: ID!) { orderStatusChanged(orderId: $id) { status sagaStatus step"
          + " stepStatus at order { id status customer { id } lines { quantity product { id"
          + " name } } saga { status } } } }";
  private static final List<String> FORWARD =
      List.of(
          "CHECK_CUSTOMER SUCCEEDED",
          "PRICE_ORDER STARTED",
          "PRICE_ORDER SUCCEEDED",
          "RESERVE_STOCK STARTED",
          "RESERVE_STOCK SUCCEEDED",
          "CHARGE_PAYMENT STARTED");

  @TestConfiguration
  static class Participants {
    @Bean
    @Primary
    GatedParticipants gatedParticipants() {
      return new GatedParticipants();
    }
  }

  @LocalServerPort int port;
  @Autowired GatedParticipants participants;
  @Autowired DatabaseClient db;
  @Autowired InProcessEventHub<OrderStatusEvent> hub;

  @AfterEach
  void releaseAndCheckNothingIsLeft() {
    participants.release();
    // every subscription has ended: no order is watched any more
    Mono.fromCallable(hub::activeKeys)
        .filter(n -> n == 0)
        .repeatWhenEmpty(50, f -> f.delayElements(Duration.ofMillis(100)))
        .block(WAIT);
  }

  private URI ws() {
    return URI.create("ws://localhost:" + port + "/graphql");
  }

  private static HttpHeaders caller(String token) {
    HttpHeaders headers = new HttpHeaders();
    if (token != null) {
      headers.add(CallerTokens.HEADER, token);
    }
    return headers;
  }

  private Flux<Map<String, Object>> subscribe(String token, String orderId) {
    return GraphQlWsClient.subscribe(ws(), caller(token), SUBSCRIPTION, Map.of("id", orderId));
  }

  /** Starts placeOrder for {@link #OWNER} over HTTP; completes when the saga has run. */
  private CompletableFuture<Map<String, Object>> placeOrder(String key, String paymentMethod) {
    String mutation =
        "mutation($key: String!, $method: String!) { placeOrder(idempotencyKey: $key, input:"
            + " {customerId: \"c-1\", lines: [{productId: \"p-1\", quantity: 2}, {productId:"
            + " \"p-2\", quantity: 1}], shippingAddress: \"Damrak 1\", paymentMethod: $method})"
            + " { id status } }";
    return WebClient.create("http://localhost:" + port)
        .post()
        .uri("/graphql")
        .contentType(MediaType.APPLICATION_JSON)
        .header(CallerTokens.HEADER, TestCallers.gateway("orders", OWNER, "orders:write"))
        .bodyValue(
            Map.of("query", mutation, "variables", Map.of("key", key, "method", paymentMethod)))
        .retrieve()
        .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {})
        .timeout(WAIT)
        .toFuture();
  }

  /** Places an order whose saga is held in its first step; emits the order id. */
  private String placeHeldOrder(String key, String paymentMethod) {
    participants.hold();
    placeOrder(key, paymentMethod);
    participants.arrived().block(WAIT);
    return db.sql("SELECT order_id FROM order_request WHERE idempotency_key = :k")
        .bind("k", key)
        .map(row -> row.get("order_id", String.class))
        .one()
        .block(WAIT);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> event(Map<String, Object> message) {
    assertThat(message.get("type")).as("message %s", message).isEqualTo("next");
    Map<String, Object> payload = (Map<String, Object>) message.get("payload");
    assertThat(payload.get("errors")).as("errors").isNull();
    return (Map<String, Object>)
        ((Map<String, Object>) payload.get("data")).get("orderStatusChanged");
  }

  private static String stepOf(Map<String, Object> event) {
    return event.get("step") + " " + event.get("stepStatus");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> orderOf(Map<String, Object> event) {
    return (Map<String, Object>) event.get("order");
  }

  @Test
  void everyStepOfAConfirmedOrderArrivesInOrderThenTheSubscriptionCompletes() {
    String id = placeHeldOrder(UUID.randomUUID().toString(), "visa");
    List<Map<String, Object>> events = new ArrayList<>();
    StepVerifier.create(subscribe(TestCallers.gateway("orders", OWNER), id))
        .assertNext(
            m -> {
              Map<String, Object> first = event(m);
              assertThat(first)
                  .containsEntry("status", "PENDING")
                  .containsEntry("sagaStatus", "RUNNING")
                  .containsEntry("step", "CHECK_CUSTOMER")
                  .containsEntry("stepStatus", "STARTED");
              assertThat(orderOf(first)).containsEntry("id", id).containsEntry("status", "PENDING");
              assertThat(orderOf(first).get("lines")).asList().isEmpty();
              events.add(first);
            })
        .then(participants::release)
        .recordWith(ArrayList::new)
        .thenConsumeWhile(m -> "next".equals(m.get("type")))
        .consumeRecordedWith(
            recorded ->
                recorded.stream()
                    .filter(m -> "next".equals(m.get("type")))
                    .forEach(m -> events.add(event(m))))
        .assertNext(m -> assertThat(m).containsEntry("type", "complete"))
        .expectComplete()
        .verify(WAIT);

    List<String> expected = new ArrayList<>(List.of("CHECK_CUSTOMER STARTED"));
    expected.addAll(FORWARD);
    expected.addAll(
        List.of(
            "CHARGE_PAYMENT SUCCEEDED",
            "AWARD_POINTS STARTED",
            "AWARD_POINTS SUCCEEDED",
            "CREATE_SHIPMENT STARTED",
            "CREATE_SHIPMENT SUCCEEDED",
            "null null"));
    assertThat(events).extracting(OrderStatusSubscriptionTest::stepOf).isEqualTo(expected);
    assertThat(events.subList(0, events.size() - 1))
        .allSatisfy(
            e ->
                assertThat(e)
                    .containsEntry("status", "PENDING")
                    .containsEntry("sagaStatus", "RUNNING"));
    Map<String, Object> last = events.get(events.size() - 1);
    assertThat(last).containsEntry("status", "CONFIRMED").containsEntry("sagaStatus", "COMPLETED");
    // the order as it is when each event is delivered, not as the first event loaded it
    assertThat(orderOf(last)).containsEntry("status", "CONFIRMED");
    assertThat(orderOf(last).get("customer")).isEqualTo(Map.of("id", OWNER));
    assertThat(orderOf(last).get("saga")).isEqualTo(Map.of("status", "COMPLETED"));
    assertThat(orderOf(last).get("lines"))
        .isEqualTo(
            List.of(
                Map.of("quantity", 2, "product", Map.of("id", "p-1", "name", "Kettle")),
                Map.of("quantity", 1, "product", Map.of("id", "p-2", "name", "Teapot"))));
    List<OffsetDateTime> times =
        events.stream().map(e -> OffsetDateTime.parse((String) e.get("at"))).toList();
    assertThat(times).isSorted();
  }

  @Test
  void aDeclinedPaymentIsCompensatedStepByStepAndEndsRejected() {
    String id = placeHeldOrder(UUID.randomUUID().toString(), FakeSubgraphs.DECLINED_CARD);
    List<Map<String, Object>> events = new ArrayList<>();
    StepVerifier.create(subscribe(TestCallers.gateway("orders", OWNER), id))
        .assertNext(m -> events.add(event(m)))
        .then(participants::release)
        .recordWith(ArrayList::new)
        .thenConsumeWhile(m -> "next".equals(m.get("type")))
        .consumeRecordedWith(
            recorded ->
                recorded.stream()
                    .filter(m -> "next".equals(m.get("type")))
                    .forEach(m -> events.add(event(m))))
        .assertNext(m -> assertThat(m).containsEntry("type", "complete"))
        .expectComplete()
        .verify(WAIT);

    List<String> expected = new ArrayList<>(List.of("CHECK_CUSTOMER STARTED"));
    expected.addAll(FORWARD);
    expected.addAll(
        List.of(
            "CHARGE_PAYMENT FAILED",
            "CHARGE_PAYMENT COMPENSATING",
            "CHARGE_PAYMENT COMPENSATED",
            "RESERVE_STOCK COMPENSATING",
            "RESERVE_STOCK COMPENSATED",
            "null null"));
    assertThat(events).extracting(OrderStatusSubscriptionTest::stepOf).isEqualTo(expected);
    assertThat(events.subList(7, events.size() - 1))
        .allSatisfy(e -> assertThat(e).containsEntry("sagaStatus", "COMPENSATING"));
    Map<String, Object> last = events.get(events.size() - 1);
    assertThat(last).containsEntry("status", "REJECTED").containsEntry("sagaStatus", "COMPENSATED");
    assertThat(orderOf(last)).containsEntry("status", "REJECTED");
  }

  @Test
  void aSubscriberJoiningAfterTheEndGetsTheStateOnceAndCompletion() throws Exception {
    String key = UUID.randomUUID().toString();
    Map<String, Object> placed = placeOrder(key, "visa").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    @SuppressWarnings("unchecked")
    String id =
        (String)
            ((Map<String, Object>) ((Map<String, Object>) placed.get("data")).get("placeOrder"))
                .get("id");
    StepVerifier.create(subscribe(TestCallers.gateway("orders", OWNER), id))
        .assertNext(
            m ->
                assertThat(event(m))
                    .containsEntry("status", "CONFIRMED")
                    .containsEntry("sagaStatus", "COMPLETED")
                    .containsEntry("step", null))
        .assertNext(m -> assertThat(m).containsEntry("type", "complete"))
        .expectComplete()
        .verify(WAIT);
    // admins and Junction services may follow any order
    for (String token :
        Arrays.asList(
            TestCallers.gateway("orders", OTHER, "admin"),
            TestCallers.token("orders", "orders", null))) {
      StepVerifier.create(subscribe(token, id))
          .assertNext(m -> assertThat(event(m)).containsEntry("status", "CONFIRMED"))
          .assertNext(m -> assertThat(m).containsEntry("type", "complete"))
          .expectComplete()
          .verify(WAIT);
    }
  }

  @SuppressWarnings("unchecked")
  private void assertRefused(String token, String orderId, String code) {
    StepVerifier.create(subscribe(token, orderId))
        .assertNext(
            m -> {
              assertThat(m).containsEntry("type", "error");
              List<Map<String, Object>> errors = (List<Map<String, Object>>) m.get("payload");
              assertThat(errors).hasSize(1);
              assertThat((Map<String, Object>) errors.get(0).get("extensions"))
                  .containsEntry("code", code);
            })
        .expectComplete()
        .verify(WAIT);
  }

  @Test
  void anotherCustomersOrderIsForbiddenAndAnUnknownOneNotFound() {
    String id = placeHeldOrder(UUID.randomUUID().toString(), "visa");
    assertRefused(TestCallers.gateway("orders", OTHER), id, "FORBIDDEN");
    assertRefused(TestCallers.gateway("orders", null), id, "UNAUTHENTICATED");
    assertRefused(TestCallers.gateway("orders", OWNER), "ord-does-not-exist", "NOT_FOUND");
  }

  @Test
  void theUpgradeNeedsTheCallerCredential() {
    for (String token :
        Arrays.asList(
            null,
            "garbage",
            TestCallers.wrongSecret("orders"),
            TestCallers.expired("orders"),
            TestCallers.gateway("payments", OWNER))) {
      StepVerifier.create(GraphQlWsClient.handshake(ws(), caller(token), WAIT))
          .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("401"))
          .verify(WAIT);
    }
    StepVerifier.create(
            GraphQlWsClient.handshake(ws(), caller(TestCallers.gateway("orders", OWNER)), WAIT))
        .expectNext(true)
        .expectComplete()
        .verify(WAIT);
  }
}
