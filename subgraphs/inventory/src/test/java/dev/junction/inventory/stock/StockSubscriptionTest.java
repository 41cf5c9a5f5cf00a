package dev.junction.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.inventory.InventoryIntegrationTest;
import dev.junction.inventory.reservation.ReservationService;
import dev.junction.inventory.reservation.StockLine;
import dev.junction.subgraph.common.testing.GraphQlWsClient;
import dev.junction.subgraph.common.testing.TestCallers;
import dev.junction.subgraph.common.trust.CallerTokens;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * {@code stockChanged} over a real WebSocket (graphql-transport-ws) on {@code /graphql}, with
 * caller authentication on: the level now, then each change by a reservation or a release.
 */
@TestPropertySource(properties = TestCallers.PROPERTY)
class StockSubscriptionTest extends InventoryIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SUBSCRIPTION =
      "subscription($id: ID!) { stockChanged(productId: $id) { id inStock stock { available"
          + " reserved byWarehouse { warehouse { id } available reserved } } } }";

  @Autowired ReservationService reservations;
  @Autowired StockChanges changes;

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

  private Flux<Map<String, Object>> subscribe(String productId) {
    return GraphQlWsClient.subscribe(
        ws(),
        caller(TestCallers.gateway("inventory", "cust-001")),
        SUBSCRIPTION,
        Map.of("id", productId));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> product(Map<String, Object> message) {
    assertThat(message.get("type")).as("message %s", message).isEqualTo("next");
    Map<String, Object> payload = (Map<String, Object>) message.get("payload");
    assertThat(payload.get("errors")).as("errors").isNull();
    return (Map<String, Object>) ((Map<String, Object>) payload.get("data")).get("stockChanged");
  }

  @SuppressWarnings("unchecked")
  private static void assertStock(
      Map<String, Object> message, String productId, int available, int reserved) {
    Map<String, Object> product = product(message);
    assertThat(product).containsEntry("id", productId).containsEntry("inStock", available > 0);
    Map<String, Object> stock = (Map<String, Object>) product.get("stock");
    assertThat(stock).containsEntry("available", available).containsEntry("reserved", reserved);
    List<Map<String, Object>> byWarehouse = (List<Map<String, Object>>) stock.get("byWarehouse");
    assertThat(byWarehouse.stream().mapToInt(w -> (Integer) w.get("available")).sum())
        .isEqualTo(available);
  }

  private void awaitUnwatched() {
    Mono.fromCallable(changes::watched)
        .filter(n -> n == 0)
        .repeatWhenEmpty(50, f -> f.delayElements(Duration.ofMillis(100)))
        .block(WAIT);
  }

  @Test
  void theLevelNowThenEveryChangeByAReservationOrARelease() {
    String product = stockedProduct(5, 3);
    String other = stockedProduct(4);
    String order = newOrderId();
    StepVerifier.create(subscribe(product))
        .assertNext(m -> assertStock(m, product, 8, 0))
        .then(() -> reservations.reserve(order, List.of(new StockLine(product, 6))).block(WAIT))
        .assertNext(m -> assertStock(m, product, 2, 6))
        .then(() -> reservations.release(order).block(WAIT))
        .assertNext(m -> assertStock(m, product, 8, 0))
        .then(
            () -> {
              // no change of this product: a repeated release, another product's reservation
              reservations.release(order).block(WAIT);
              reservations.reserve(newOrderId(), List.of(new StockLine(other, 4))).block(WAIT);
            })
        .expectNoEvent(Duration.ofMillis(500))
        .then(
            () ->
                reservations.reserve(newOrderId(), List.of(new StockLine(product, 8))).block(WAIT))
        .assertNext(m -> assertStock(m, product, 0, 8))
        .thenCancel()
        .verify(WAIT);
    // the client left: nothing is kept for the product
    awaitUnwatched();
  }

  @Test
  void aReservationThroughTheSagasMutationIsSeenToo() {
    String product = stockedProduct(3);
    StepVerifier.create(subscribe(product))
        .assertNext(m -> assertStock(m, product, 3, 0))
        .then(
            () ->
                http.post()
                    .uri("/graphql")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(CallerTokens.HEADER, TestCallers.token("orders", "inventory", null))
                    .bodyValue(
                        Map.of(
                            "query",
                            "mutation($o: ID!, $p: ID!) { reserveStock(orderId: $o, lines:"
                                + " [{productId: $p, quantity: 1}]) { status } }",
                            "variables",
                            Map.of("o", newOrderId(), "p", product)))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.data.reserveStock.status")
                    .isEqualTo("RESERVED"))
        .assertNext(m -> assertStock(m, product, 2, 1))
        .thenCancel()
        .verify(WAIT);
    awaitUnwatched();
  }

  @Test
  void aProductWithoutStockHasStockZero() {
    StepVerifier.create(subscribe("no-such-product").take(1))
        .assertNext(m -> assertStock(m, "no-such-product", 0, 0))
        .expectComplete()
        .verify(WAIT);
    awaitUnwatched();
  }

  @Test
  void theUpgradeNeedsTheCallerCredential() {
    for (String token :
        Arrays.asList(
            null,
            "garbage",
            TestCallers.wrongSecret("inventory"),
            TestCallers.expired("inventory"),
            TestCallers.gateway("orders", null))) {
      StepVerifier.create(GraphQlWsClient.handshake(ws(), caller(token), WAIT))
          .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("401"))
          .verify(WAIT);
    }
    StepVerifier.create(
            GraphQlWsClient.handshake(ws(), caller(TestCallers.gateway("inventory", null)), WAIT))
        .expectNext(true)
        .expectComplete()
        .verify(WAIT);
  }
}
