package dev.junction.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.Gateway;
import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.GatewayResponse;
import dev.junction.gateway.Identity;
import dev.junction.subgraph.common.seed.SeedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * Federated subscriptions through the gateway engine against the real subgraph processes, over the
 * subgraphs' WebSockets: {@code stockChanged} (inventory) delivers a product's stock with its
 * catalog name, before and after an order reserves it; {@code orderStatusChanged} (orders) gives a
 * confirmed order's state with its customer's name (accounts) and product names (catalog), then
 * completes.
 */
class SubscriptionsThroughGatewayTest {
  private static Gateway gateway;

  @BeforeAll
  static void start() throws Exception {
    LocalStack stack = LocalStack.shared();
    gateway =
        Gateway.create(
            Files.readString(Path.of("..", "supergraph", "supergraph.graphql")),
            GatewayOptions.builder()
                .subgraphUrls(stack.urls())
                .subgraphAuth(LocalStack.gatewayCredentials())
                .subgraphTimeout(Duration.ofSeconds(60))
                .build());
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static void waitFor(List<?> events, int count, AtomicBoolean done) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (events.size() < count && !done.get() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> field(GatewayResponse r, String name) {
    assertThat(r.errors()).as(String.valueOf(r.toSpecification())).isEmpty();
    return (Map<String, Object>) ((Map<String, Object>) r.data()).get(name);
  }

  @Test
  @SuppressWarnings("unchecked")
  void stockAndOrderStatusArriveWithFieldsOfOtherSubgraphs() throws Exception {
    SeedData.Customer customer = SeedData.customers().get(13);
    SeedData.Product product = SeedData.products().get(11);
    Identity user = Callers.customer(customer.id());
    List<GatewayResponse> stock = new CopyOnWriteArrayList<>();
    AtomicBoolean stockDone = new AtomicBoolean();
    Disposable watching =
        gateway
            .subscribe(
                GatewayRequest.of(
                        "subscription($id: ID!) { stockChanged(productId: $id) {"
                            + " id name stock { available reserved } } }",
                        Map.of("id", product.id()))
                    .withIdentity(user))
            .doFinally(s -> stockDone.set(true))
            .subscribe(stock::add);
    try {
      waitFor(stock, 1, stockDone);
      assertThat(stock).as("the current stock level first").hasSize(1);
      Map<String, Object> first = field(stock.get(0), "stockChanged");
      assertThat(first.get("name")).isEqualTo(product.name()); // from catalog
      int available = (int) ((Map<String, Object>) first.get("stock")).get("available");

      String place =
          "mutation Place($input: PlaceOrderInput!, $key: String!) {"
              + " placeOrder(input: $input, idempotencyKey: $key) { id status } }";
      Map<String, Object> input =
          Map.of(
              "customerId",
              customer.id(),
              "lines",
              List.of(Map.of("productId", product.id(), "quantity", 3)),
              "shippingAddress",
              "Keizersgracht 1, 1015 CJ Amsterdam, NL",
              "paymentMethod",
              "card");
      GatewayResponse placed =
          gateway
              .execute(
                  GatewayRequest.of(
                          place, Map.of("input", input, "key", "sub-e2e-" + UUID.randomUUID()))
                      .withIdentity(user))
              .block(Duration.ofSeconds(90));
      Map<String, Object> order = field(placed, "placeOrder");
      assertThat(order.get("status")).isEqualTo("CONFIRMED");

      waitFor(stock, 2, stockDone);
      assertThat(stock).as("a second event after the reservation").hasSizeGreaterThanOrEqualTo(2);
      Map<String, Object> after = field(stock.get(stock.size() - 1), "stockChanged");
      assertThat(((Map<String, Object>) after.get("stock")).get("available"))
          .isEqualTo(available - 3);

      List<GatewayResponse> status =
          gateway
              .subscribe(
                  GatewayRequest.of(
                          "subscription($id: ID!) { orderStatusChanged(orderId: $id) { status"
                              + " order { id customer { name } lines { product { name } } } } }",
                          Map.of("id", order.get("id")))
                      .withIdentity(user))
              .collectList()
              .block(Duration.ofSeconds(60));
      assertThat(status).as("a confirmed order: its state once, then completion").hasSize(1);
      Map<String, Object> event = field(status.get(0), "orderStatusChanged");
      assertThat(event.get("status")).isEqualTo("CONFIRMED");
      Map<String, Object> eventOrder = (Map<String, Object>) event.get("order");
      assertThat(((Map<String, Object>) eventOrder.get("customer")).get("name"))
          .isEqualTo(customer.name()); // from accounts
      assertThat(
              ((Map<String, Object>)
                      ((List<Map<String, Object>>) eventOrder.get("lines")).get(0).get("product"))
                  .get("name"))
          .isEqualTo(product.name()); // from catalog

      // another customer cannot follow it
      List<GatewayResponse> other =
          gateway
              .subscribe(
                  GatewayRequest.of(
                          "subscription($id: ID!) { orderStatusChanged(orderId: $id) { status } }",
                          Map.of("id", order.get("id")))
                      .withIdentity(Callers.customer(SeedData.customers().get(14).id())))
              .collectList()
              .block(Duration.ofSeconds(60));
      assertThat(other).hasSize(1);
      assertThat(other.get(0).errors())
          .extracting(e -> ((Map<String, Object>) e.get("extensions")).get("code"))
          .containsExactly("FORBIDDEN");
    } finally {
      watching.dispose();
    }
  }
}
