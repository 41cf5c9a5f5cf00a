package dev.junction.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.Gateway;
import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.GatewayResponse;
import dev.junction.subgraph.common.seed.SeedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mutations, pagination across subgraphs and error codes through the gateway, real processes. */
class GatewayAgainstStackTest {
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
                .build());
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static GatewayResponse run(String query, Map<String, Object> variables) {
    return gateway
        .execute(GatewayRequest.of(query, variables).withIdentity(Callers.ADMIN))
        .block(Duration.ofSeconds(30));
  }

  @Test
  @SuppressWarnings("unchecked")
  void registersACustomerAndRefusesTheSameEmailTwice() {
    String email = "new." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String mutation =
        "mutation Register($email: String!) {"
            + " registerCustomer(input: {email: $email, name: \"Nina Test\"}) {"
            + " id email tier loyalty { points } orders(first: 1) { edges { node { id } } } } }";
    GatewayResponse first = run(mutation, Map.of("email", email));
    assertThat(first.errors()).isEmpty();
    Map<String, Object> customer =
        (Map<String, Object>) ((Map<String, Object>) first.data()).get("registerCustomer");
    assertThat(customer.get("email")).isEqualTo(email);
    assertThat(customer.get("tier")).isEqualTo("BRONZE");
    assertThat(((Map<String, Object>) customer.get("loyalty")).get("points")).isEqualTo(0);
    // Customer.orders comes from the orders subgraph through the entity key.
    assertThat(((Map<String, Object>) customer.get("orders")).get("edges")).isEqualTo(List.of());

    GatewayResponse again = run(mutation, Map.of("email", email));
    assertThat(again.data()).isNull(); // registerCustomer is non-null: null propagates to data
    assertThat(again.errors()).hasSize(1);
    Map<String, Object> error = again.errors().get(0);
    assertThat(error.get("path")).isEqualTo(List.of("registerCustomer"));
    assertThat((Map<String, Object>) error.get("extensions"))
        .containsEntry("code", "CONFLICT")
        .containsEntry("serviceName", "accounts");
  }

  @Test
  @SuppressWarnings("unchecked")
  void pagesProductsWithStockFromInventory() {
    String query =
        "query Page($after: String) { products(first: 20, after: $after) {"
            + " edges { node { id name inStock stock { available } } }"
            + " pageInfo { hasNextPage endCursor } } }";
    int seen = 0;
    String after = null;
    for (int page = 0; page < 5; page++) {
      GatewayResponse r = run(query, after == null ? Map.of() : Map.of("after", after));
      assertThat(r.errors()).isEmpty();
      Map<String, Object> products =
          (Map<String, Object>) ((Map<String, Object>) r.data()).get("products");
      List<Map<String, Object>> edges = (List<Map<String, Object>>) products.get("edges");
      for (Map<String, Object> edge : edges) {
        Map<String, Object> node = (Map<String, Object>) edge.get("node");
        SeedData.Product expected = SeedData.products().get(seen++);
        assertThat(node.get("id")).isEqualTo(expected.id());
        assertThat(node.get("name")).isEqualTo(expected.name());
        int available = (int) ((Map<String, Object>) node.get("stock")).get("available");
        assertThat(node.get("inStock")).isEqualTo(available > 0);
      }
      Map<String, Object> pageInfo = (Map<String, Object>) products.get("pageInfo");
      if (!(boolean) pageInfo.get("hasNextPage")) {
        break;
      }
      after = (String) pageInfo.get("endCursor");
    }
    assertThat(seen).isEqualTo(SeedData.products().size());
  }

  @Test
  @SuppressWarnings("unchecked")
  void badInputFromSeveralSubgraphsKeepsTheRestOfTheResponse() {
    GatewayResponse r =
        run(
            "{ warehouses { id } productByBarcode(barcode: \"4006381333932\") { name }"
                + " bad: productByBarcode(barcode: \"12345\") { name }"
                + " order(id: \"ord-9999\") { id } }",
            Map.of());
    Map<String, Object> data = (Map<String, Object>) r.data();
    assertThat((List<?>) data.get("warehouses")).hasSize(SeedData.warehouses().size());
    assertThat(data.get("bad")).isNull();
    assertThat(data.get("order")).isNull();
    assertThat(r.errors())
        .extracting(
            e -> ((Map<String, Object>) e.get("extensions")).get("code"), e -> e.get("path"))
        .contains(
            org.assertj.core.groups.Tuple.tuple("BAD_USER_INPUT", List.of("bad")),
            org.assertj.core.groups.Tuple.tuple("NOT_FOUND", List.of("order")));
    assertThat(r.toSpecification().toString()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
