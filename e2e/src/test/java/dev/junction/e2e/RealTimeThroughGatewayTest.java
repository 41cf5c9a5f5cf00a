package dev.junction.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import dev.junction.gateway.auth.DevTokens;
import dev.junction.subgraph.common.seed.SeedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Subscriptions and {@code @defer} through the gateway process (HTTP, WebSocket, JWTs) in front of
 * the real stack, with two changes: the orders subgraph is a dedicated process whose checkout saga
 * calls accounts through a {@link TcpProxy} the test can hold (so that a client can follow an order
 * from its first step), and the gateway reaches inventory through a proxy that can delay it. The
 * last test kills that orders process mid-stream.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RealTimeThroughGatewayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ORDERS_OF =
      "query($id: ID!) { customer(id: $id) { orders(first: 50) { edges { node { id status } } } } }";
  private static final String PLACE =
      "mutation($input: PlaceOrderInput!, $key: String!) {"
          + " placeOrder(input: $input, idempotencyKey: $key) { id status } }";
  private static final String FOLLOW =
      "subscription($id: ID!) { orderStatusChanged(orderId: $id) { status sagaStatus step"
          + " stepStatus at order { id status customer { name } } } }";
  private static final String PRODUCT =
      "query($id: ID!) { product(id: $id) { id name sku stock { available } } }";
  private static final String PRODUCT_DEFERRED =
      "query($id: ID!) { product(id: $id) { id name sku"
          + " ... @defer(label: \"stock\") { stock { available } } } }";

  private static TcpProxy sagaToAccounts;
  private static TcpProxy toInventory;
  private static SubgraphProcess orders;
  private static GatewayProcess gateway;
  private static RSAKey signingKey;

  @BeforeAll
  static void start() throws Exception {
    LocalStack stack = LocalStack.shared();
    sagaToAccounts = new TcpProxy(port(stack.url("accounts")));
    toInventory = new TcpProxy(port(stack.url("inventory")));
    List<String> saga = new ArrayList<>();
    for (String other : LocalStack.SUBGRAPHS) {
      if (!other.equals("orders")) {
        String url =
            other.equals("accounts")
                ? sagaToAccounts.url("")
                : stack.url(other).replace("/graphql", "");
        saga.add("--junction.saga.subgraphs." + other + ".url=" + url);
      }
    }
    orders = SubgraphProcess.start("orders", "orders-realtime.log", saga);
    Path keys = Path.of("target", "realtime-auth").toAbsolutePath();
    signingKey = DevTokens.ensureKeys(keys);
    StringBuilder yaml = new StringBuilder("subgraphs:\n");
    for (String name : LocalStack.SUBGRAPHS) {
      yaml.append("  ")
          .append(name)
          .append(":\n    routing_url: ${env.")
          .append(name.toUpperCase())
          .append("_URL}\n");
    }
    yaml.append("subgraph_auth:\n  all:\n    secret: ${env.JUNCTION_SUBGRAPH_SECRET}\n")
        .append("authentication:\n  jwks:\n    file: ")
        .append(keys.resolve(DevTokens.JWKS_FILE))
        .append("\n  issuer: ")
        .append(DevTokens.ISSUER)
        .append("\n  audiences: [")
        .append(DevTokens.AUDIENCE)
        .append("]\n");
    Path config = Path.of("target", "realtime-router.yaml").toAbsolutePath();
    Files.writeString(config, yaml);
    gateway =
        GatewayProcess.start(
            stack,
            config,
            "gateway-realtime.log",
            Map.of("ORDERS_URL", orders.url(), "INVENTORY_URL", toInventory.url("/graphql")));
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (orders != null) {
      orders.close();
    }
    if (sagaToAccounts != null) {
      sagaToAccounts.close();
    }
    if (toInventory != null) {
      toInventory.close();
    }
  }

  private static int port(String url) {
    return java.net.URI.create(url).getPort();
  }

  private static String token(String customerId) {
    try {
      return DevTokens.token(
          signingKey, customerId, "orders:write", Duration.ofHours(1), Instant.now());
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @Order(1)
  @SuppressWarnings("unchecked")
  void aClientFollowsEveryStepOfAPlacedOrderToItsConfirmation() throws Exception {
    SeedData.Customer customer = SeedData.customers().get(16);
    String token = token(customer.id());
    sagaToAccounts.hold(); // the saga waits in its first step, CHECK_CUSTOMER
    CompletableFuture<Map<String, Object>> placed;
    String orderId;
    List<Map<String, Object>> events = new ArrayList<>();
    try {
      Set<String> before = orderIds(customer.id(), token);
      placed = place(customer.id(), SeedData.products().get(24).id(), token);
      orderId = awaitNewOrder(customer.id(), token, before);
      try (GatewayWsClient ws = GatewayWsClient.open(gateway.port, token)) {
        ws.subscribe("follow", FOLLOW, Map.of("id", orderId));
        events.add(event(ws.next(20)));
        sagaToAccounts.release();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
          Map<String, Object> m = ws.next(60);
          if ("complete".equals(m.get("type"))) {
            break;
          }
          events.add(event(m));
        }
      }
    } finally {
      sagaToAccounts.release();
    }
    List<String> steps = new ArrayList<>();
    events.forEach(e -> steps.add(e.get("step") + " " + e.get("stepStatus")));
    System.out.println("[realtime] orderStatusChanged through the gateway: " + steps);
    if (steps.get(0).equals("null null") && "PENDING".equals(events.get(0).get("status"))) {
      steps.remove(0); // subscribed before the saga logged its first step
      events.remove(0);
    }
    assertThat(steps)
        .containsExactly(
            "CHECK_CUSTOMER STARTED",
            "CHECK_CUSTOMER SUCCEEDED",
            "PRICE_ORDER STARTED",
            "PRICE_ORDER SUCCEEDED",
            "RESERVE_STOCK STARTED",
            "RESERVE_STOCK SUCCEEDED",
            "CHARGE_PAYMENT STARTED",
            "CHARGE_PAYMENT SUCCEEDED",
            "AWARD_POINTS STARTED",
            "AWARD_POINTS SUCCEEDED",
            "CREATE_SHIPMENT STARTED",
            "CREATE_SHIPMENT SUCCEEDED",
            "null null");
    assertThat(events.subList(0, events.size() - 1))
        .allSatisfy(e -> assertThat(e).containsEntry("status", "PENDING"));
    Map<String, Object> last = events.get(events.size() - 1);
    assertThat(last).containsEntry("status", "CONFIRMED").containsEntry("sagaStatus", "COMPLETED");
    Map<String, Object> order = (Map<String, Object>) last.get("order");
    assertThat(order).containsEntry("id", orderId).containsEntry("status", "CONFIRMED");
    assertThat(order.get("customer")).isEqualTo(Map.of("name", customer.name())); // accounts
    List<String> times = events.stream().map(e -> (String) e.get("at")).toList();
    assertThat(times.stream().map(java.time.OffsetDateTime::parse).toList()).isSorted();
    Map<String, Object> answer = placed.get(60, TimeUnit.SECONDS);
    assertThat(answer.get("errors")).as(String.valueOf(answer)).isNull();
    assertThat(((Map<String, Object>) answer.get("data")).get("placeOrder"))
        .isEqualTo(Map.of("id", orderId, "status", "CONFIRMED"));
  }

  @Test
  @Order(2)
  @SuppressWarnings("unchecked")
  void aDeferredFieldOfASlowSubgraphArrivesAfterTheFirstPart() throws Exception {
    SeedData.Product product = SeedData.products().get(5);
    String token = token(SeedData.customers().get(16).id());
    Map<String, Object> vars = Map.of("id", product.id());
    Map<String, Object> plain = null;
    for (int i = 0; i < 3; i++) { // warm the gateway and its pools
      plain = Http.postJson(gateway.url(), PRODUCT, vars, token);
      Http.postMultipart(gateway.url(), PRODUCT_DEFERRED, vars, token);
    }
    Map<String, Object> stock =
        (Map<String, Object>)
            ((Map<String, Object>) ((Map<String, Object>) plain.get("data")).get("product"))
                .get("stock");
    Duration delay = Duration.ofMillis(1500);
    toInventory.delay(delay);
    Http.Multipart deferred;
    long wholeUndeferred;
    try {
      long t0 = System.nanoTime();
      Http.postJson(gateway.url(), PRODUCT, vars, token);
      wholeUndeferred = System.nanoTime() - t0;
      deferred = Http.postMultipart(gateway.url(), PRODUCT_DEFERRED, vars, token);
    } finally {
      toInventory.delay(Duration.ZERO);
    }
    System.out.printf(
        "[realtime] @defer with inventory delayed %d ms: first part after %d ms, whole after %d ms"
            + " (parts: %d); the same query without @defer: %d ms%n",
        delay.toMillis(),
        deferred.partNanos().get(0) / 1_000_000,
        deferred.wholeNanos() / 1_000_000,
        deferred.parts().size(),
        wholeUndeferred / 1_000_000);
    assertThat(deferred.contentType()).startsWith("multipart/mixed").contains("deferSpec=20220824");
    assertThat(deferred.parts()).hasSize(2);
    Map<String, Object> first = deferred.parts().get(0);
    assertThat(first).containsEntry("hasNext", true);
    assertThat(((Map<String, Object>) first.get("data")).get("product"))
        .isEqualTo(Map.of("id", product.id(), "name", product.name(), "sku", product.sku()));
    Map<String, Object> second = deferred.parts().get(1);
    assertThat(second).containsEntry("hasNext", false);
    assertThat((List<Object>) second.get("incremental"))
        .containsExactly(
            Map.of("data", Map.of("stock", stock), "path", List.of("product"), "label", "stock"));
    assertThat(Duration.ofNanos(deferred.partNanos().get(0))).isLessThan(delay);
    assertThat(Duration.ofNanos(deferred.wholeNanos())).isGreaterThanOrEqualTo(delay);
    assertThat(Duration.ofNanos(wholeUndeferred)).isGreaterThanOrEqualTo(delay);
  }

  @Test
  @Order(3)
  void killingTheOrdersSubgraphMidStreamEndsTheStreamAndFreesTheGatewaySockets() throws Exception {
    assumeTrue(
        GatewaySockets.available(), "SKIPPED: no Linux /proc to count the gateway's sockets");
    SeedData.Customer customer = SeedData.customers().get(17);
    String token = token(customer.id());
    Set<String> before = orderIds(customer.id(), token);
    GatewaySockets baseline = settle(GatewaySockets.of(gateway.pid()));
    sagaToAccounts.hold();
    CompletableFuture<Map<String, Object>> placed =
        place(customer.id(), SeedData.products().get(26).id(), token);
    GatewaySockets during;
    GatewaySockets after;
    long toError;
    Map<String, Object> lost;
    try (GatewayWsClient ws = GatewayWsClient.open(gateway.port, token)) {
      String orderId = awaitNewOrder(customer.id(), token, before);
      ws.subscribe("follow", FOLLOW, Map.of("id", orderId));
      assertThat(event(ws.next(20))).containsEntry("status", "PENDING");
      during = GatewaySockets.of(gateway.pid());
      long killed = System.nanoTime();
      orders.kill();
      lost = ws.next(20);
      toError = System.nanoTime() - killed;
      assertThat(ws.next(10)).containsEntry("type", "complete").containsEntry("id", "follow");
      sagaToAccounts.release();
      try {
        placed.get(30, TimeUnit.SECONDS); // fails or carries errors: its subgraph is gone
      } catch (java.util.concurrent.ExecutionException e) {
        // expected as well
      }
      ws.closeNormally();
      ws.closeCode.get(10, TimeUnit.SECONDS);
    } finally {
      sagaToAccounts.release();
    }
    after = GatewaySockets.of(gateway.pid());
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while ((after.socketFds() > baseline.socketFds() || after.to(orders.port) > 0)
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
      after = GatewaySockets.of(gateway.pid());
    }
    System.out.printf(
        "[realtime] orders killed mid-stream: error event after %d ms; gateway sockets (fds)"
            + " baseline %d (to orders %d), during %d (to orders %d), after %d (to orders %d)%n",
        toError / 1_000_000,
        baseline.socketFds(),
        baseline.to(orders.port),
        during.socketFds(),
        during.to(orders.port),
        after.socketFds(),
        after.to(orders.port));
    assertThat(lost).containsEntry("id", "follow");
    assertThat(JSON.writeValueAsString(lost)).contains("SUBSCRIPTION_SOURCE_LOST");
    assertThat(Duration.ofNanos(toError)).isLessThan(Duration.ofSeconds(6));
    assertThat(during.to(orders.port)).as("the subgraph WebSocket while streaming").isPositive();
    assertThat(during.socketFds()).isGreaterThan(baseline.socketFds());
    assertThat(after.to(orders.port)).as("sockets to the killed subgraph").isZero();
    assertThat(after.socketFds())
        .as("gateway sockets back to the baseline")
        .isLessThanOrEqualTo(baseline.socketFds());
    // the gateway serves on
    Map<String, Object> r =
        Http.postJson(gateway.url(), PRODUCT, Map.of("id", SeedData.products().get(3).id()), token);
    assertThat(r.get("errors")).isNull();
  }

  /** The socket count once idle connections of earlier tests have settled (a few reads). */
  private static GatewaySockets settle(GatewaySockets first) throws Exception {
    GatewaySockets s = first;
    for (int i = 0; i < 5; i++) {
      Thread.sleep(200);
      GatewaySockets next = GatewaySockets.of(gateway.pid());
      if (next.socketFds() > s.socketFds()) {
        s = next; // count the larger: connections the gateway keeps idle belong to the baseline
      }
    }
    return s;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> event(Map<String, Object> message) {
    assertThat(message.get("type")).as(String.valueOf(message)).isEqualTo("next");
    Map<String, Object> payload = (Map<String, Object>) message.get("payload");
    assertThat(payload.get("errors")).as(String.valueOf(payload)).isNull();
    return (Map<String, Object>)
        ((Map<String, Object>) payload.get("data")).get("orderStatusChanged");
  }

  private static CompletableFuture<Map<String, Object>> place(
      String customerId, String productId, String token) {
    Map<String, Object> input =
        Map.of(
            "customerId",
            customerId,
            "lines",
            List.of(Map.of("productId", productId, "quantity", 1)),
            "shippingAddress",
            "Keizersgracht 1, 1015 CJ Amsterdam, NL",
            "paymentMethod",
            "card");
    return Http.postJsonAsync(
        gateway.url(),
        PLACE,
        Map.of("input", input, "key", "realtime-" + UUID.randomUUID()),
        token);
  }

  @SuppressWarnings("unchecked")
  private static Set<String> orderIds(String customerId, String token) throws Exception {
    Map<String, Object> r =
        Http.postJson(gateway.url(), ORDERS_OF, Map.of("id", customerId), token);
    assertThat(r.get("errors")).as(String.valueOf(r)).isNull();
    Map<String, Object> customer =
        (Map<String, Object>) ((Map<String, Object>) r.get("data")).get("customer");
    Set<String> ids = new HashSet<>();
    for (Map<String, Object> edge :
        (List<Map<String, Object>>) ((Map<String, Object>) customer.get("orders")).get("edges")) {
      ids.add((String) ((Map<String, Object>) edge.get("node")).get("id"));
    }
    return ids;
  }

  /** The id of the customer's order that was not there before (listed PENDING while it runs). */
  private static String awaitNewOrder(String customerId, String token, Set<String> before)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      Set<String> now = orderIds(customerId, token);
      now.removeAll(before);
      if (!now.isEmpty()) {
        assertThat(now).hasSize(1);
        return now.iterator().next();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the placed order was not listed within 20 s");
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
