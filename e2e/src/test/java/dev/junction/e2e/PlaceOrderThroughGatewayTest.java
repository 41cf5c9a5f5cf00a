package dev.junction.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.Gateway;
import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.GatewayResponse;
import dev.junction.gateway.Identity;
import dev.junction.subgraph.common.seed.SeedData;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Placing an order through the gateway runs the checkout saga across the real subgraph processes
 * (accounts, catalog, inventory, payments with the fake provider, shipping): the order is
 * confirmed, stock is reserved, the payment captured, points credited and a shipment created; the
 * same idempotency key returns the same order; cancelling compensates everything.
 */
class PlaceOrderThroughGatewayTest {
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

  private static final String ORDER_FIELDS =
      "id status total { amount currency } saga { status steps { name status attempts } }"
          + " lines { quantity product { id name stock { reserved } } }"
          + " payment { status amount { amount } } shipment { status carrier }"
          + " customer { id loyalty { points } }";

  @SuppressWarnings("unchecked")
  private static Map<String, Object> call(
      String field, String query, Map<String, Object> vars, String customerId) {
    // the customer's own token: the saga's calls carry it, orders and loyalty are owner-checked
    Identity user = Callers.customer(customerId);
    GatewayResponse r =
        gateway
            .execute(GatewayRequest.of(query, vars).withIdentity(user))
            .block(Duration.ofSeconds(90));
    assertThat(r.errors()).as(String.valueOf(r.toSpecification())).isEmpty();
    return (Map<String, Object>) ((Map<String, Object>) r.data()).get(field);
  }

  @Test
  @SuppressWarnings("unchecked")
  void placesConfirmsAndCancelsAnOrderEndToEnd() {
    SeedData.Customer customer = SeedData.customers().get(11);
    SeedData.Product product = SeedData.products().get(9);
    int quantity = 2;
    int pointsBefore =
        SeedData.loyaltyEntries().stream()
            .filter(e -> e.customerId().equals(customer.id()))
            .mapToInt(SeedData.LoyaltyEntry::points)
            .sum();
    Map<String, Object> input =
        Map.of(
            "customerId",
            customer.id(),
            "lines",
            List.of(Map.of("productId", product.id(), "quantity", quantity)),
            "shippingAddress",
            "Keizersgracht 1, 1015 CJ Amsterdam, NL",
            "paymentMethod",
            "card");
    String key = "e2e-" + UUID.randomUUID();
    String place =
        "mutation Place($input: PlaceOrderInput!, $key: String!) {"
            + " placeOrder(input: $input, idempotencyKey: $key) { "
            + ORDER_FIELDS
            + " } }";
    Map<String, Object> order =
        call("placeOrder", place, Map.of("input", input, "key", key), customer.id());

    BigDecimal total = BigDecimal.valueOf(product.priceCents() * quantity, 2);
    assertThat(order.get("status")).isEqualTo("CONFIRMED");
    Map<String, Object> saga = (Map<String, Object>) order.get("saga");
    assertThat(saga.get("status")).isEqualTo("COMPLETED");
    assertThat((List<Map<String, Object>>) saga.get("steps"))
        .extracting(s -> s.get("status"))
        .containsOnly("SUCCEEDED")
        .hasSize(6);
    assertThat(new BigDecimal((String) ((Map<String, Object>) order.get("total")).get("amount")))
        .isEqualByComparingTo(total);
    Map<String, Object> line = ((List<Map<String, Object>>) order.get("lines")).get(0);
    Map<String, Object> lineProduct = (Map<String, Object>) line.get("product");
    assertThat(lineProduct.get("name")).isEqualTo(product.name());
    assertThat(((Map<String, Object>) lineProduct.get("stock")).get("reserved"))
        .isEqualTo(quantity);
    Map<String, Object> payment = (Map<String, Object>) order.get("payment");
    assertThat(payment.get("status")).isEqualTo("CAPTURED");
    assertThat(new BigDecimal((String) ((Map<String, Object>) payment.get("amount")).get("amount")))
        .isEqualByComparingTo(total);
    assertThat(order.get("shipment")).isNotNull();
    int pointsAfter =
        (int)
            ((Map<String, Object>) ((Map<String, Object>) order.get("customer")).get("loyalty"))
                .get("points");
    assertThat(pointsAfter).isEqualTo(pointsBefore + total.intValue());

    // The same key and payload: the same order, no second saga.
    Map<String, Object> again =
        call("placeOrder", place, Map.of("input", input, "key", key), customer.id());
    assertThat(again.get("id")).isEqualTo(order.get("id"));

    // Cancelling compensates: stock released, payment refunded, points revoked.
    Map<String, Object> cancelled =
        call(
            "cancelOrder",
            "mutation Cancel($id: ID!) { cancelOrder(id: $id) { " + ORDER_FIELDS + " } }",
            Map.of("id", order.get("id")),
            customer.id());
    assertThat(cancelled.get("status")).isEqualTo("CANCELLED");
    Map<String, Object> cancelledLine = ((List<Map<String, Object>>) cancelled.get("lines")).get(0);
    assertThat(
            ((Map<String, Object>)
                    ((Map<String, Object>) cancelledLine.get("product")).get("stock"))
                .get("reserved"))
        .isEqualTo(0);
    assertThat(((Map<String, Object>) cancelled.get("payment")).get("status"))
        .isEqualTo("REFUNDED");
    int pointsCancelled =
        (int)
            ((Map<String, Object>) ((Map<String, Object>) cancelled.get("customer")).get("loyalty"))
                .get("points");
    assertThat(pointsCancelled).isEqualTo(pointsBefore);
  }
}
