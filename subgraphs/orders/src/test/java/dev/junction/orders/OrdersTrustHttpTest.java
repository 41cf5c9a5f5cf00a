package dev.junction.orders;

import dev.junction.subgraph.common.seed.SeedData;
import dev.junction.subgraph.common.testing.TestCallers;
import dev.junction.subgraph.common.trust.CallerTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Orders with trusted calls on ({@code junction.subgraph-auth.secret} set): the caller credential
 * over real HTTP, and the owner checks of {@code order(id:)}, {@code _entities} and {@code
 * Customer.orders}.
 */
@TestPropertySource(properties = TestCallers.PROPERTY)
class OrdersTrustHttpTest extends OrdersIntegrationTest {
  private static final SeedData.Order ORDER = SeedData.orders().get(1);
  private static final String OWNER = ORDER.customerId();
  private static final String OTHER =
      SeedData.customers().stream()
          .map(SeedData.Customer::id)
          .filter(id -> !id.equals(OWNER))
          .findFirst()
          .orElseThrow();

  @LocalServerPort int port;
  WebTestClient http;

  @BeforeEach
  void client() {
    http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
  }

  private WebTestClient.ResponseSpec post(String token, String query, Map<String, Object> vars) {
    WebTestClient.RequestBodySpec request =
        http.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON);
    if (token != null) {
      request = request.header(CallerTokens.HEADER, token);
    }
    return request.bodyValue(Map.of("query", query, "variables", vars)).exchange();
  }

  private static final String ORDER_QUERY = "query($id: ID!) { order(id: $id) { id status } }";

  @Test
  void callsWithoutAValidCallerTokenAre401Unauthenticated() {
    for (String token :
        new String[] {
          null,
          "not-a-token",
          TestCallers.wrongSecret("orders"),
          TestCallers.expired("orders"),
          TestCallers.token("orders", "payments", null)
        }) {
      post(token, ORDER_QUERY, Map.of("id", ORDER.id()))
          .expectStatus()
          .isUnauthorized()
          .expectBody()
          .jsonPath("$.errors[0].extensions.code")
          .isEqualTo("UNAUTHENTICATED")
          .jsonPath("$.data")
          .doesNotExist();
    }
    http.get().uri("/actuator/health").exchange().expectStatus().isOk();
  }

  @Test
  void theOwnerAdminsAndServicesReadAnOrder() {
    for (String token :
        new String[] {
          TestCallers.gateway("orders", OWNER),
          TestCallers.gateway("orders", OTHER, "admin"),
          TestCallers.token("orders", "orders", null),
          TestCallers.token("shipping", "orders", OTHER)
        }) {
      post(token, ORDER_QUERY, Map.of("id", ORDER.id()))
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.errors")
          .doesNotExist()
          .jsonPath("$.data.order.id")
          .isEqualTo(ORDER.id());
    }
  }

  @Test
  void anotherCustomerGetsForbiddenOnEveryPath() {
    String other = TestCallers.gateway("orders", OTHER);
    post(other, ORDER_QUERY, Map.of("id", ORDER.id()))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.data.order")
        .isEmpty()
        .jsonPath("$.errors[0].extensions.code")
        .isEqualTo("FORBIDDEN")
        .jsonPath("$.errors[0].path[0]")
        .isEqualTo("order");
    post(
            other,
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id status"
                + " lines { quantity } } } }",
            Map.of("r", List.of(Map.of("__typename", "Order", "id", ORDER.id()))))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.data._entities[0]")
        .isEmpty()
        .jsonPath("$.errors[0].extensions.code")
        .isEqualTo("FORBIDDEN")
        .jsonPath("$.errors[0].path")
        .isEqualTo(List.of("_entities", 0));
    post(
            other,
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer {"
                + " orders { edges { node { id } } } } } }",
            Map.of("r", List.of(Map.of("__typename", "Customer", "id", OWNER))))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.errors[0].extensions.code")
        .isEqualTo("FORBIDDEN")
        .jsonPath("$.errors[0].path")
        .isEqualTo(List.of("_entities", 0, "orders"));
    post(other, "mutation($id: ID!) { cancelOrder(id: $id) { id } }", Map.of("id", ORDER.id()))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.errors[0].extensions.code")
        .isEqualTo("FORBIDDEN");
  }

  @Test
  void anAnonymousEndUserGetsUnauthenticated() {
    post(TestCallers.gateway("orders", null), ORDER_QUERY, Map.of("id", ORDER.id()))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.data.order")
        .isEmpty()
        .jsonPath("$.errors[0].extensions.code")
        .isEqualTo("UNAUTHENTICATED")
        .jsonPath("$.errors[0].path[0]")
        .isEqualTo("order");
  }

  @Test
  void theOwnerReadsItsOrdersThroughTheCustomerEntity() {
    post(
            TestCallers.gateway("orders", OWNER),
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer {"
                + " orders(first: 50) { edges { node { id } } } } } }",
            Map.of("r", List.of(Map.of("__typename", "Customer", "id", OWNER))))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.errors")
        .doesNotExist()
        .jsonPath("$.data._entities[0].orders.edges[?(@.node.id == '" + ORDER.id() + "')]")
        .exists();
  }
}
