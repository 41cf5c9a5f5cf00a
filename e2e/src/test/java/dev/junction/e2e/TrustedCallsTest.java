package dev.junction.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.gateway.Gateway;
import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.GatewayResponse;
import dev.junction.gateway.Identity;
import dev.junction.subgraph.common.seed.SeedData;
import dev.junction.subgraph.common.trust.CallerTokens;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trusted calls on the real stack (every subgraph started with the secret): the internal saga
 * mutations refuse calls without a valid caller token, and a customer reads only its own orders,
 * payments and loyalty, through the gateway and directly.
 */
class TrustedCallsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalStack stack;
  private static Gateway gateway;

  /** Customer A, with an order, a payment and a shipment; B another customer with an order. */
  private static final SeedData.Order ORDER_OF_B = SeedData.orders().get(0);

  private static final String B = ORDER_OF_B.customerId();
  private static final String A =
      SeedData.orders().stream()
          .map(SeedData.Order::customerId)
          .filter(c -> !c.equals(B))
          .findFirst()
          .orElseThrow();
  private static final SeedData.Payment PAYMENT_OF_B =
      SeedData.payments().stream()
          .filter(p -> p.orderId().equals(ORDER_OF_B.id()))
          .findFirst()
          .orElseThrow();
  private static final SeedData.Shipment SHIPMENT_OF_B =
      SeedData.shipments().stream()
          .filter(s -> s.orderId().equals(ORDER_OF_B.id()))
          .findFirst()
          .orElseThrow();

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.shared();
    gateway =
        Gateway.create(
            Files.readString(Path.of("..", "supergraph", "supergraph.graphql")),
            GatewayOptions.builder()
                .subgraphUrls(stack.urls())
                .subgraphAuth(LocalStack.gatewayCredentials())
                .subgraphTimeout(Duration.ofSeconds(20))
                .build());
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  // --- the caller credential ------------------------------------------------------------------

  private static String body(String query) throws Exception {
    return JSON.writeValueAsString(Map.of("query", query));
  }

  /** Tokens that must be refused by {@code subgraph}. */
  private static Map<String, String> badTokens(String subgraph) {
    Clock past = Clock.fixed(Instant.now().minusSeconds(300), ZoneOffset.UTC);
    return Map.of(
        "wrong secret",
        new CallerTokens("not-the-stack-secret-0123456789abcdef", Clock.systemUTC())
            .mint("orders", subgraph, null, Set.of()),
        "expired",
        new CallerTokens(LocalStack.SECRET, past).mint("orders", subgraph, null, Set.of()),
        "wrong audience",
        LocalStack.callerToken("orders", "catalog", null),
        "garbage",
        "eyJhbGciOiJub25lIn0.e30.");
  }

  private static void assertRefused(String subgraph, String query) throws Exception {
    HttpResponse<String> none = stack.postDirect(subgraph, body(query), null);
    assertThat(none.statusCode()).as(subgraph + " without a token").isEqualTo(401);
    assertThat(code(JSON.readTree(none.body()))).isEqualTo("UNAUTHENTICATED");
    assertThat(JSON.readTree(none.body()).has("data")).isFalse();
    for (Map.Entry<String, String> bad : badTokens(subgraph).entrySet()) {
      HttpResponse<String> r = stack.postDirect(subgraph, body(query), bad.getValue());
      assertThat(r.statusCode()).as(subgraph + " with a token: " + bad.getKey()).isEqualTo(401);
      assertThat(code(JSON.readTree(r.body()))).isEqualTo("UNAUTHENTICATED");
    }
  }

  private static JsonNode accepted(String subgraph, String query) throws Exception {
    HttpResponse<String> r =
        stack.postDirect(subgraph, body(query), LocalStack.callerToken("orders", subgraph, null));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode json = JSON.readTree(r.body());
    assertThat(json.has("errors")).as(r.body()).isFalse();
    return json.path("data");
  }

  private static String code(JsonNode response) {
    return response.path("errors").path(0).path("extensions").path("code").asText();
  }

  @Test
  void creditPointsNeedsTheCallerCredential() throws Exception {
    // a customer of its own, so that no other test's loyalty expectations move
    String email = "trust." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String id =
        accepted(
                "accounts",
                "mutation { registerCustomer(input: {email: \""
                    + email
                    + "\", name: \"Trust Test\"}) { id } }")
            .path("registerCustomer")
            .path("id")
            .asText();
    String credit =
        "mutation { creditPoints(customerId: \""
            + id
            + "\", amount: 7, reason: \"trust\") { points } }";
    assertRefused("accounts", credit);
    // a valid token of the gateway does not reach an internal mutation either
    HttpResponse<String> byGateway =
        stack.postDirect(
            "accounts", body(credit), LocalStack.callerToken("gateway", "accounts", id, "admin"));
    assertThat(code(JSON.readTree(byGateway.body()))).as(byGateway.body()).isEqualTo("FORBIDDEN");
    assertThat(accepted("accounts", credit).path("creditPoints").path("points").asInt())
        .isEqualTo(7);
  }

  @Test
  void reserveStockNeedsTheCallerCredential() throws Exception {
    String orderId = "trust-" + UUID.randomUUID().toString().substring(0, 8);
    String product = SeedData.products().get(SeedData.products().size() - 1).id();
    String reserve =
        "mutation { reserveStock(orderId: \""
            + orderId
            + "\", lines: [{productId: \""
            + product
            + "\", quantity: 1}]) { status } }";
    assertRefused("inventory", reserve);
    assertThat(accepted("inventory", reserve).path("reserveStock").path("status").asText())
        .isEqualTo("RESERVED");
    String release = "mutation { releaseStock(orderId: \"" + orderId + "\") { status } }";
    assertRefused("inventory", release);
    assertThat(accepted("inventory", release).path("releaseStock").path("status").asText())
        .isEqualTo("RELEASED");
  }

  @Test
  void chargePaymentNeedsTheCallerCredential() throws Exception {
    String charge =
        "mutation { chargePayment(orderId: \"trust-"
            + UUID.randomUUID().toString().substring(0, 8)
            + "\", amount: \"3.50\", method: \"card\") { status amount { amount } } }";
    assertRefused("payments", charge);
    JsonNode payment = accepted("payments", charge).path("chargePayment");
    assertThat(payment.path("status").asText()).isEqualTo("CAPTURED");
    assertThat(payment.path("amount").path("amount").asText()).isEqualTo("3.50");
  }

  @Test
  void healthStaysOpen() throws Exception {
    for (String name : LocalStack.SUBGRAPHS) {
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      String url = stack.url(name).replace("/graphql", "/actuator/health");
      HttpResponse<String> r =
          http.send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(name).isEqualTo(200);
    }
  }

  // --- owner checks through the gateway -------------------------------------------------------

  private static Identity customer(String id) {
    return new Identity("e2e", Map.of("sub", id));
  }

  private static final Identity ADMIN =
      new Identity("e2e", Map.of("sub", "e2e-admin", "scope", "orders:write admin"));

  private static GatewayResponse run(Identity who, String query) {
    return gateway
        .execute(GatewayRequest.of(query).withIdentity(who))
        .block(Duration.ofSeconds(30));
  }

  private static void assertDenied(GatewayResponse r, String code, List<Object> path) {
    assertThat(r.errors()).as(String.valueOf(r.toSpecification())).isNotEmpty();
    assertThat(r.errors())
        .as(String.valueOf(r.toSpecification()))
        .anySatisfy(
            e -> {
              assertThat(((Map<?, ?>) e.get("extensions")).get("code")).isEqualTo(code);
              assertThat(e.get("path")).isEqualTo(path);
            });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(GatewayResponse r) {
    return (Map<String, Object>) r.data();
  }

  @Test
  void aCustomerCannotReadAnotherCustomersOrderPaymentOrLoyalty() {
    Identity a = customer(A);
    GatewayResponse order = run(a, "{ order(id: \"" + ORDER_OF_B.id() + "\") { id status } }");
    assertDenied(order, "FORBIDDEN", List.of("order"));
    assertThat(data(order).get("order")).isNull();

    GatewayResponse orders =
        run(a, "{ customer(id: \"" + B + "\") { id name orders { edges { node { id } } } } }");
    assertDenied(orders, "FORBIDDEN", List.of("customer", "orders"));
    // orders is non-null: the customer becomes null
    assertThat(data(orders).get("customer")).isNull();

    GatewayResponse loyalty = run(a, "{ customer(id: \"" + B + "\") { id loyalty { points } } }");
    assertDenied(loyalty, "FORBIDDEN", List.of("customer", "loyalty"));
    assertThat(data(loyalty).get("customer")).isNull();

    GatewayResponse payment =
        run(a, "{ payment(id: \"" + PAYMENT_OF_B.id() + "\") { id status } }");
    assertDenied(payment, "FORBIDDEN", List.of("payment"));
    assertThat(data(payment).get("payment")).isNull();

    // through another subgraph's reference: shipping's Shipment.order, resolved by orders and
    // payments from the key alone
    GatewayResponse viaShipment =
        run(
            a,
            "{ shipment(id: \"" + SHIPMENT_OF_B.id() + "\") { id order { payment { status } } } }");
    assertDenied(viaShipment, "FORBIDDEN", List.of("shipment", "order", "payment"));
    assertThat(String.valueOf(viaShipment.toSpecification())).doesNotContain(PAYMENT_OF_B.status());
    GatewayResponse orderViaShipment =
        run(
            a,
            "{ shipment(id: \""
                + SHIPMENT_OF_B.id()
                + "\") { id order { status total { amount } } } }");
    assertThat(orderViaShipment.errors())
        .anySatisfy(
            e -> assertThat(((Map<?, ?>) e.get("extensions")).get("code")).isEqualTo("FORBIDDEN"));
    assertThat(String.valueOf(orderViaShipment.toSpecification())).doesNotContain("total=");

    // B's e-mail: refused on the field, and the look-up by e-mail finds nobody (no oracle)
    String emailOfB =
        SeedData.customers().stream()
            .filter(c -> c.id().equals(B))
            .findFirst()
            .orElseThrow()
            .email();
    GatewayResponse email = run(a, "{ customer(id: \"" + B + "\") { id email } }");
    assertDenied(email, "FORBIDDEN", List.of("customer", "email"));
    assertThat(String.valueOf(email.toSpecification())).doesNotContain(emailOfB);
    GatewayResponse byEmail =
        run(a, "{ customerByEmail(email: \"" + emailOfB + "\") { id name } }");
    assertDenied(byEmail, "NOT_FOUND", List.of("customerByEmail"));
    assertThat(data(byEmail).get("customerByEmail")).isNull();

    // the gateway does not expose _entities
    GatewayResponse entities =
        run(
            a,
            "{ _entities(representations: [{__typename: \"Order\", id: \""
                + ORDER_OF_B.id()
                + "\"}]) { ... on Order { id status } } }");
    assertThat(entities.errors()).isNotEmpty();
    assertThat(entities.data()).isNull();
  }

  @Test
  void theOwnerAndAnAdminReadEverything() {
    for (Identity who : List.of(customer(B), ADMIN)) {
      GatewayResponse r =
          run(
              who,
              "{ order(id: \""
                  + ORDER_OF_B.id()
                  + "\") { id payment { id status } customer { id loyalty { points }"
                  + " orders(first: 50) { edges { node { id } } } } }"
                  + " payment(id: \""
                  + PAYMENT_OF_B.id()
                  + "\") { id order { id } } }");
      assertThat(r.errors()).as(who + ": " + r.toSpecification()).isEmpty();
      String emailOfB =
          SeedData.customers().stream()
              .filter(c -> c.id().equals(B))
              .findFirst()
              .orElseThrow()
              .email();
      GatewayResponse email =
          run(
              who,
              "{ customer(id: \""
                  + B
                  + "\") { email } customerByEmail(email: \""
                  + emailOfB
                  + "\") { id } }");
      assertThat(email.errors()).as(who + ": " + email.toSpecification()).isEmpty();
      assertThat(String.valueOf(email.toSpecification())).contains(emailOfB);
      @SuppressWarnings("unchecked")
      Map<String, Object> order = (Map<String, Object>) data(r).get("order");
      assertThat(order.get("id")).isEqualTo(ORDER_OF_B.id());
      assertThat(((Map<?, ?>) order.get("payment")).get("id")).isEqualTo(PAYMENT_OF_B.id());
    }
  }

  @Test
  void anAnonymousUserIsUnauthenticatedOnOwnedFieldsOnly() {
    GatewayResponse r =
        run(
            Identity.ANONYMOUS,
            "{ product(id: \""
                + SeedData.products().get(0).id()
                + "\") { name }"
                + " order(id: \""
                + ORDER_OF_B.id()
                + "\") { id } }");
    assertDenied(r, "UNAUTHENTICATED", List.of("order"));
    assertThat(data(r).get("order")).isNull();
    assertThat(((Map<?, ?>) data(r).get("product")).get("name"))
        .isEqualTo(SeedData.products().get(0).name());
  }

  @Test
  void directEntitiesWithAnotherCustomersKeyAreForbidden() throws Exception {
    String query =
        JSON.writeValueAsString(
            Map.of(
                "query",
                "query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { payment {"
                    + " status } } } }",
                "variables",
                Map.of("r", List.of(Map.of("__typename", "Order", "id", ORDER_OF_B.id())))));
    // as the gateway would send it for customer A
    HttpResponse<String> r =
        stack.postDirect("payments", query, LocalStack.callerToken("gateway", "payments", A));
    JsonNode json = JSON.readTree(r.body());
    assertThat(code(json)).as(r.body()).isEqualTo("FORBIDDEN");
    assertThat(json.path("errors").path(0).path("path").toString())
        .isEqualTo("[\"_entities\",0,\"payment\"]");
  }
}
