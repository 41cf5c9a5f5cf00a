package dev.junction.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.Gateway;
import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.GatewayResponse;
import dev.junction.gateway.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The authorization matrix over the real six-subgraph stack (trusted calls on), through the
 * gateway: anonymous, customer A, customer B and staff against the protected fields of our graph
 * ({@code Customer.email}, {@code Customer.loyalty}, {@code Customer.orders}, {@code Order.payment}
 * need a token, {@code Stock.byWarehouse} a staff scope, {@code placeOrder} the scope {@code
 * orders:write}); the subgraphs' owner checks refuse another customer's loyalty and orders.
 */
class AuthorizationMatrixTest {
  private static final String CUSTOMER =
      "query($id: ID!) { customer(id: $id) { name email loyalty { points }"
          + " orders(first: 1) { edges { node { id payment { status } } } } } }";
  private static final String STOCK =
      "{ product(id: \"prod-001\") { name stock { available byWarehouse { available } } } }";
  private static final String PLACE =
      "mutation($key: String!) { placeOrder(idempotencyKey: $key, input: {customerId: \"cust-001\","
          + " lines: [{productId: \"prod-010\", quantity: 1}], shippingAddress: \"Damrak 1\","
          + " paymentMethod: \"card\"}) { id status } }";
  private static final Identity A = Callers.customer("cust-001");
  private static final Identity B = Callers.customer("cust-002");
  private static final Identity A_READ_ONLY =
      new Identity("e2e-read-only", Map.of("sub", "cust-001", "scope", "profile"));

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

  private static GatewayResponse run(String query, Map<String, Object> vars, Identity who) {
    return gateway
        .execute(GatewayRequest.of(query, vars).withIdentity(who))
        .block(Duration.ofSeconds(60));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(GatewayResponse r) {
    return (Map<String, Object>) r.data();
  }

  private static List<String> codes(GatewayResponse r) {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> e : r.errors()) {
      out.add(((Map<?, ?>) e.get("extensions")).get("code") + " " + e.get("path"));
    }
    return out;
  }

  @Test
  @SuppressWarnings("unchecked")
  void anonymousCallersGetNoCustomerData() {
    GatewayResponse r = run(CUSTOMER, Map.of("id", "cust-001"), Identity.ANONYMOUS);
    // email and loyalty are non-null: their refusal nulls the customer, as the spec's null
    // propagation says; each refusal has its error and no other error is added.
    assertThat(data(r).get("customer")).isNull();
    assertThat(codes(r))
        .containsExactlyInAnyOrder(
            "UNAUTHORIZED_FIELD_OR_TYPE [customer, email]",
            "UNAUTHORIZED_FIELD_OR_TYPE [customer, loyalty]",
            "UNAUTHORIZED_FIELD_OR_TYPE [customer, orders]");
    GatewayResponse name =
        run("{ customer(id: \"cust-001\") { name } }", Map.of(), Identity.ANONYMOUS);
    assertThat(name.errors()).isEmpty();
    assertThat(((Map<String, Object>) data(name).get("customer")).get("name")).isNotNull();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCustomerReadsItsOwnDataButNotStockByWarehouse() {
    GatewayResponse r = run(CUSTOMER, Map.of("id", "cust-001"), A);
    assertThat(r.errors()).as(r.errors().toString()).isEmpty();
    Map<String, Object> customer = (Map<String, Object>) data(r).get("customer");
    assertThat(customer.get("email")).isNotNull();
    assertThat(customer.get("loyalty")).isNotNull();

    GatewayResponse stock = run(STOCK, Map.of(), A);
    assertThat(codes(stock))
        .containsExactly("UNAUTHORIZED_FIELD_OR_TYPE [product, stock, byWarehouse]");
    Map<String, Object> product = (Map<String, Object>) data(stock).get("product");
    // byWarehouse is non-null: stock becomes null, the product itself is served.
    assertThat(product.get("name")).isNotNull();
    assertThat(product.get("stock")).isNull();
  }

  @Test
  void anotherCustomerIsRefusedByTheSubgraphsOwnerChecks() {
    // The gateway lets a signed-in caller ask; accounts and orders refuse another customer's
    // loyalty and orders (non-null: the customer is null), so nothing of A reaches B.
    GatewayResponse r = run(CUSTOMER, Map.of("id", "cust-001"), B);
    assertThat(data(r).get("customer")).isNull();
    assertThat(codes(r)).isNotEmpty().allMatch(c -> c.startsWith("FORBIDDEN [customer"));
    assertThat(codes(r))
        .anyMatch(
            c ->
                c.equals("FORBIDDEN [customer, loyalty]")
                    || c.startsWith("FORBIDDEN [customer, orders"));
    // B's own data is served.
    GatewayResponse own = run(CUSTOMER, Map.of("id", "cust-002"), B);
    assertThat(own.errors()).as(own.errors().toString()).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void staffReadsEveryCustomerAndTheStockByWarehouse() {
    for (String id : List.of("cust-001", "cust-002")) {
      GatewayResponse r = run(CUSTOMER, Map.of("id", id), Callers.ADMIN);
      assertThat(r.errors()).as(r.errors().toString()).isEmpty();
      assertThat(((Map<String, Object>) data(r).get("customer")).get("email")).isNotNull();
    }
    GatewayResponse stock = run(STOCK, Map.of(), Callers.ADMIN);
    assertThat(stock.errors()).isEmpty();
    Map<String, Object> s =
        (Map<String, Object>) ((Map<String, Object>) data(stock).get("product")).get("stock");
    assertThat((List<?>) s.get("byWarehouse")).isNotEmpty();
  }

  @Test
  void placingAnOrderNeedsTheScopeAndARefusalWritesNothing() {
    String before = orderIds();
    for (Identity who : List.of(Identity.ANONYMOUS, A_READ_ONLY)) {
      GatewayResponse r = run(PLACE, Map.of("key", "matrix-" + UUID.randomUUID()), who);
      assertThat(codes(r)).containsExactly("UNAUTHORIZED_FIELD_OR_TYPE [placeOrder]");
      assertThat(r.data()).isNull(); // placeOrder is non-null: data is null
    }
    assertThat(orderIds()).isEqualTo(before);
  }

  /** The ids of cust-001's orders, newest first, as staff sees them. */
  @SuppressWarnings("unchecked")
  private static String orderIds() {
    GatewayResponse r =
        run(
            "{ customer(id: \"cust-001\") { orders(first: 50) { edges { node { id } } } } }",
            Map.of(),
            Callers.ADMIN);
    assertThat(r.errors()).isEmpty();
    return String.valueOf(((Map<String, Object>) data(r).get("customer")).get("orders"));
  }
}
