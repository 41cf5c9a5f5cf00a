package dev.junction.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.gateway.Gateway;
import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.GatewayResponse;
import dev.junction.subgraph.common.seed.SeedData;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway against the project's own six subgraphs, started as real processes: one query crosses
 * all of them (customer → orders → lines → product → stock, shipping estimate, payment, shipment)
 * and every value is checked against the seed data the subgraphs were started with.
 */
class CrossSubgraphQueryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalStack stack;
  private static Gateway gateway;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.shared();
    String supergraph = Files.readString(Path.of("..", "supergraph", "supergraph.graphql"));
    gateway =
        Gateway.create(
            supergraph,
            GatewayOptions.builder()
                .subgraphUrls(stack.urls())
                .subgraphAuth(LocalStack.gatewayCredentials())
                .subgraphTimeout(Duration.ofSeconds(10))
                .build());
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static final String QUERY =
      """
      query CustomerOverview($id: ID!, $dest: String!) {
        customer(id: $id) {
          id
          name
          email
          tier
          loyalty { points }
          orders(first: 5) {
            edges {
              node {
                id
                status
                total { amount currency }
                lines {
                  quantity
                  unitPrice { amount }
                  product {
                    id
                    name
                    sku
                    weightGrams
                    stock { available reserved }
                    inStock
                    shippingEstimate(destination: $dest) { amount currency }
                  }
                }
                payment { status amount { amount currency } providerReference }
                shipment { carrier status trackingNumber }
              }
            }
            pageInfo { hasNextPage }
          }
        }
      }
      """;

  @Test
  @SuppressWarnings("unchecked")
  void customerOrdersAcrossAllSixSubgraphs() throws Exception {
    SeedData.Order firstOrder = SeedData.orders().get(0);
    String customerId = firstOrder.customerId();
    GatewayResponse response =
        gateway
            // the customer's own token: orders, payments and loyalty are owner-checked
            .execute(
                GatewayRequest.of(QUERY, Map.of("id", customerId, "dest", "DE"))
                    .withIdentity(Callers.customer(customerId)))
            .block(Duration.ofSeconds(30));
    assertThat(response).isNotNull();
    assertThat(response.errors()).as(JSON.writeValueAsString(response.toSpecification())).isEmpty();

    Map<String, Object> customer =
        (Map<String, Object>) ((Map<String, Object>) response.data()).get("customer");
    SeedData.Customer seeded =
        SeedData.customers().stream()
            .filter(c -> c.id().equals(customerId))
            .findFirst()
            .orElseThrow();
    assertThat(customer.get("id")).isEqualTo(customerId);
    assertThat(customer.get("name")).isEqualTo(seeded.name());
    assertThat(customer.get("email")).isEqualTo(seeded.email());
    assertThat(customer.get("tier")).isEqualTo(seeded.tier());
    int points =
        SeedData.loyaltyEntries().stream()
            .filter(e -> e.customerId().equals(customerId))
            .mapToInt(SeedData.LoyaltyEntry::points)
            .sum();
    assertThat(((Map<String, Object>) customer.get("loyalty")).get("points")).isEqualTo(points);

    List<SeedData.Order> expectedOrders =
        SeedData.orders().stream()
            .filter(o -> o.customerId().equals(customerId))
            .sorted(Comparator.comparing(SeedData.Order::placedAt).reversed())
            .toList();
    Map<String, Object> connection = (Map<String, Object>) customer.get("orders");
    List<Map<String, Object>> edges = (List<Map<String, Object>>) connection.get("edges");
    assertThat(edges).hasSize(Math.min(5, expectedOrders.size()));
    assertThat(((Map<String, Object>) connection.get("pageInfo")).get("hasNextPage"))
        .isEqualTo(expectedOrders.size() > 5);

    for (int i = 0; i < edges.size(); i++) {
      Map<String, Object> order = (Map<String, Object>) edges.get(i).get("node");
      SeedData.Order expected = expectedOrders.get(i);
      assertThat(order.get("id")).isEqualTo(expected.id());
      assertThat(order.get("status")).isEqualTo(expected.status());
      assertThat(money(order.get("total"))).isEqualByComparingTo(cents(expected.totalCents()));
      List<Map<String, Object>> lines = (List<Map<String, Object>>) order.get("lines");
      assertThat(lines).hasSize(expected.lines().size());
      for (int l = 0; l < lines.size(); l++) {
        checkLine(lines.get(l), expected.lines().get(l));
      }
      SeedData.Payment payment =
          SeedData.payments().stream()
              .filter(p -> p.orderId().equals(expected.id()))
              .findFirst()
              .orElseThrow();
      Map<String, Object> gotPayment = (Map<String, Object>) order.get("payment");
      assertThat(gotPayment.get("status")).isEqualTo(payment.status());
      assertThat(gotPayment.get("providerReference")).isEqualTo(payment.providerReference());
      assertThat(money(gotPayment.get("amount")))
          .isEqualByComparingTo(cents(payment.amountCents()));
      SeedData.Shipment shipment =
          SeedData.shipments().stream()
              .filter(s -> s.orderId().equals(expected.id()))
              .findFirst()
              .orElse(null);
      Map<String, Object> gotShipment = (Map<String, Object>) order.get("shipment");
      if (shipment == null) {
        assertThat(gotShipment).isNull();
      } else {
        assertThat(gotShipment.get("carrier")).isEqualTo(shipment.carrier());
        assertThat(gotShipment.get("status")).isEqualTo(shipment.status());
        assertThat(gotShipment.get("trackingNumber")).isEqualTo(shipment.trackingNumber());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void checkLine(Map<String, Object> line, SeedData.OrderLine expected) throws Exception {
    assertThat(line.get("quantity")).isEqualTo(expected.quantity());
    assertThat(money(line.get("unitPrice"))).isEqualByComparingTo(cents(expected.unitPriceCents()));
    Map<String, Object> product = (Map<String, Object>) line.get("product");
    SeedData.Product seeded =
        SeedData.products().stream()
            .filter(p -> p.id().equals(expected.productId()))
            .findFirst()
            .orElseThrow();
    assertThat(product.get("id")).isEqualTo(seeded.id());
    assertThat(product.get("name")).isEqualTo(expected.productName());
    assertThat(product.get("sku")).isEqualTo(seeded.sku());
    assertThat(product.get("weightGrams")).isEqualTo(seeded.weightGrams());
    int onHand =
        SeedData.stock().stream()
            .filter(s -> s.productId().equals(seeded.id()))
            .mapToInt(SeedData.Stock::onHand)
            .sum();
    Map<String, Object> stock = (Map<String, Object>) product.get("stock");
    assertThat(stock.get("available")).isEqualTo(onHand);
    assertThat(stock.get("reserved")).isEqualTo(0);
    assertThat(product.get("inStock")).isEqualTo(onHand > 0);
    // The estimate must equal what shipping computes from catalog's weight and dimensions when
    // asked directly: proves the gateway sent the @requires fields.
    String direct =
        stack.postDirect(
            "shipping",
            JSON.writeValueAsString(
                Map.of(
                    "query",
                    "query($r: [_Any!]!) { _entities(representations: $r) { ... on Product {"
                        + " shippingEstimate(destination: \"DE\") { amount currency } } } }",
                    "variables",
                    Map.of(
                        "r",
                        List.of(
                            Map.of(
                                "__typename", "Product",
                                "id", seeded.id(),
                                "weightGrams", seeded.weightGrams(),
                                "dimensions",
                                    Map.of(
                                        "lengthMm", seeded.lengthMm(),
                                        "widthMm", seeded.widthMm(),
                                        "heightMm", seeded.heightMm())))))));
    Map<String, Object> directBody = JSON.readValue(direct, Map.class);
    Object expectedEstimate =
        ((List<Map<String, Object>>)
                ((Map<String, Object>) directBody.get("data")).get("_entities"))
            .get(0)
            .get("shippingEstimate");
    assertThat(expectedEstimate).isNotNull();
    assertThat(product.get("shippingEstimate")).isEqualTo(expectedEstimate);
  }

  @SuppressWarnings("unchecked")
  private static BigDecimal money(Object money) {
    Map<String, Object> m = (Map<String, Object>) money;
    assertThat(m.get("currency") == null || "EUR".equals(m.get("currency"))).isTrue();
    return new BigDecimal(String.valueOf(m.get("amount")));
  }

  private static BigDecimal cents(long cents) {
    return BigDecimal.valueOf(cents, 2);
  }
}
