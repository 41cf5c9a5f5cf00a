package dev.junction.orders.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.orders.seed.OrderSeeder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 21: {@code placeOrder} answered a bare null about an hour after start-up, when the R2DBC
 * pool retired its idle connections (30 minutes by default): on H2 2.4.240 the {@code CHECK (status
 * IN (...))} constraints were evaluated with the session that created the tables, so once that
 * connection was closed every INSERT failed, and the failure was swallowed. Here connections live
 * for 400 ms, so the same point is passed within a second; the order must come back with its saga.
 * (The saga's participants are unreachable here, so the saga is compensated: the order is {@code
 * REJECTED}, which is a real answer. The whole saga over real subgraphs at the same point is {@code
 * e2e/RunLocalScriptTest}.)
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      // its own database: the orders it places must not show in the other tests' counts
      "spring.r2dbc.url=r2dbc:h2:mem:///orders-retire;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
          + "DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE",
      "spring.r2dbc.pool.max-idle-time=200ms",
      "spring.r2dbc.pool.max-life-time=400ms",
      "junction.saga.recovery-interval=0",
      "junction.saga.retry-wait=10ms",
      "junction.saga.call-timeout=2s",
      "junction.saga.subgraphs.accounts.url=http://localhost:9",
      "junction.saga.subgraphs.catalog.url=http://localhost:9",
      "junction.saga.subgraphs.inventory.url=http://localhost:9",
      "junction.saga.subgraphs.payments.url=http://localhost:9",
      "junction.saga.subgraphs.shipping.url=http://localhost:9"
    })
class PlaceOrderAfterConnectionsRetireTest {
  private static final String PLACE_ORDER =
      "mutation($key: String!) { placeOrder(idempotencyKey: $key, input: {customerId:"
          + " \"cust-002\", lines: [{productId: \"prod-010\", quantity: 1}], shippingAddress:"
          + " \"Damrak 1, Amsterdam\", paymentMethod: \"card\"}) { id status saga { status } } }";

  @LocalServerPort int port;
  @Autowired OrderSeeder seeder;
  @Autowired DatabaseClient db;

  @Test
  void placeOrderWorksAfterEveryConnectionOfStartUpIsRetired() throws Exception {
    seeder.seeded().block(Duration.ofSeconds(30));
    WebTestClient http =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
    for (int round = 0; round < 3; round++) {
      // past the connections' life: the next acquire closes every connection opened before
      Thread.sleep(1_000);
      db.sql("SELECT 1").fetch().rowsUpdated().block(Duration.ofSeconds(5));
      Thread.sleep(100);
      String key = "retire-" + round + "-" + UUID.randomUUID();
      Map<String, Object> body =
          http.post()
              .uri("/graphql")
              .contentType(MediaType.APPLICATION_JSON)
              .bodyValue(Map.of("query", PLACE_ORDER, "variables", Map.of("key", key)))
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(
                  new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {})
              .returnResult()
              .getResponseBody();
      assertThat(body).as("round %d", round).doesNotContainKey("errors");
      @SuppressWarnings("unchecked")
      Map<String, Object> order =
          (Map<String, Object>) ((Map<String, Object>) body.get("data")).get("placeOrder");
      assertThat(order.get("id")).asString().startsWith("ord-");
      assertThat(order.get("status")).isEqualTo("REJECTED");
      assertThat(order.get("saga")).isEqualTo(Map.of("status", "COMPENSATED"));
      assertThat(
              db.sql("SELECT count(*) AS n FROM order_request WHERE idempotency_key = :k")
                  .bind("k", key)
                  .map(r -> r.get("n", Long.class))
                  .all()
                  .collectList()
                  .block(Duration.ofSeconds(5)))
          .isEqualTo(List.of(1L));
    }
  }
}
