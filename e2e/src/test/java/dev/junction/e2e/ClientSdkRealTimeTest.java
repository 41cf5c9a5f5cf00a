package dev.junction.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import dev.junction.client.GraphQLClient;
import dev.junction.client.GraphQLResult;
import dev.junction.client.sdk.CustomerLoyaltyQuery;
import dev.junction.client.sdk.CustomerWithOrdersQuery;
import dev.junction.client.sdk.OrderStatusSubscription;
import dev.junction.client.sdk.PlaceOrderMutation;
import dev.junction.client.sdk.type.OrderStatus;
import dev.junction.client.sdk.type.PlaceOrderInput;
import dev.junction.client.sdk.type.PlaceOrderLineInput;
import dev.junction.gateway.auth.DevTokens;
import dev.junction.subgraph.common.seed.SeedData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated SDK's subscriptions (graphql-transport-ws) and {@code @defer} (multipart) against
 * the gateway process with the repository's router.yaml and dev-token authentication in front of
 * the six subgraphs.
 */
class ClientSdkRealTimeTest {
  private static GatewayProcess gateway;
  private static RSAKey key;

  @BeforeAll
  static void start() throws Exception {
    LocalStack stack = LocalStack.shared();
    Path keys = Path.of("target", "sdk-rt-auth").toAbsolutePath();
    key = DevTokens.ensureKeys(keys);
    String yaml =
        Files.readString(Path.of("..", "router-config", "router.yaml"))
            .replace("${env.JUNCTION_JWKS_FILE:-}", keys.resolve(DevTokens.JWKS_FILE).toString())
            .replace("${env.JUNCTION_JWT_ISSUER:-}", DevTokens.ISSUER)
            .replace("${env.JUNCTION_JWT_AUDIENCE:-}", DevTokens.AUDIENCE);
    Path config = Path.of("target", "sdk-rt-router.yaml").toAbsolutePath();
    Files.writeString(config, yaml);
    gateway = GatewayProcess.start(stack, config, "gateway-sdk-rt.log");
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  private static String token(String subject) throws Exception {
    return DevTokens.token(key, subject, "orders:write", Duration.ofMinutes(10), Instant.now());
  }

  private static GraphQLClient client(String token) {
    return GraphQLClient.builder(URI.create(gateway.url()))
        .authTokenProvider(() -> token)
        .callTimeout(Duration.ofSeconds(60))
        .build();
  }

  @Test
  void orderStatusEventsFollowTheSagaToItsTerminalState() throws Exception {
    SeedData.Customer customer = SeedData.customers().get(17);
    SeedData.Product product = SeedData.products().get(17);
    String token = token(customer.id());
    GraphQLClient client = client(token);
    CustomerWithOrdersQuery newest =
        CustomerWithOrdersQuery.builder().id(customer.id()).first(1).build();
    Set<String> before =
        orderIds(
            client.execute(CustomerWithOrdersQuery.builder().id(customer.id()).first(50).build()));

    // place the order on another thread; find its id while the saga runs, then subscribe
    CompletableFuture<GraphQLResult<PlaceOrderMutation.Data>> placing = new CompletableFuture<>();
    Thread placer =
        new Thread(
            () -> {
              try {
                placing.complete(
                    client.execute(
                        PlaceOrderMutation.builder()
                            .idempotencyKey("sdk-rt-" + UUID.randomUUID())
                            .input(
                                PlaceOrderInput.builder()
                                    .customerId(customer.id())
                                    .lines(
                                        List.of(
                                            PlaceOrderLineInput.builder()
                                                .productId(product.id())
                                                .quantity(1)
                                                .build()))
                                    .shippingAddress("Keizersgracht 1, 1015 CJ Amsterdam, NL")
                                    .paymentMethod("card")
                                    .build())
                            .build()));
              } catch (RuntimeException e) {
                placing.completeExceptionally(e);
              }
            });
    placer.start();
    String orderId = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (orderId == null && System.nanoTime() < deadline) {
      Set<String> ids = orderIds(client.execute(newest));
      ids.removeAll(before);
      orderId = ids.stream().findFirst().orElse(null);
      if (orderId == null) {
        Thread.sleep(20);
      }
    }
    assertThat(orderId).as("the new order appears").isNotNull();

    List<OrderStatusSubscription.Data.OrderStatusChanged> events = new CopyOnWriteArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    GraphQLClient subscriber =
        GraphQLClient.builder(URI.create(gateway.url())).authTokenProvider(() -> token).build();
    try (AutoCloseable handle =
        subscriber.subscribe(
            OrderStatusSubscription.builder().orderId(orderId).build(),
            r -> {
              if (r.hasErrors()) {
                failure.compareAndSet(null, new AssertionError("errors: " + r.errors()));
              } else {
                events.add(r.data().orderStatusChanged());
              }
            },
            e -> {
              failure.set(e);
              done.countDown();
            },
            done::countDown)) {
      assertThat(done.await(60, TimeUnit.SECONDS)).as("the stream completes").isTrue();
    }
    assertThat(failure.get()).isNull();
    assertThat(events).isNotEmpty();
    OrderStatusSubscription.Data.OrderStatusChanged last = events.get(events.size() - 1);
    assertThat(last.status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(last.order().id()).isEqualTo(orderId);
    GraphQLResult<PlaceOrderMutation.Data> placed = placing.get(60, TimeUnit.SECONDS);
    assertThat(placed.data().placeOrder().id()).isEqualTo(orderId);
    System.out.println(
        "orderStatusChanged events seen: "
            + events.stream()
                .map(e -> e.status() + "/" + e.step() + "/" + e.stepStatus() + "/" + e.sagaStatus())
                .toList());
    assertThat(subscriber.activeSubscriptions()).isZero();
  }

  private static Set<String> orderIds(GraphQLResult<CustomerWithOrdersQuery.Data> result) {
    assertThat(result.errors()).isEmpty();
    return result.data().customer().orders().edges().stream()
        .map(e -> e.node().id())
        .collect(Collectors.toCollection(java.util.HashSet::new));
  }

  @Test
  void aDeferredQueryGivesThePrimaryPartFirstAndTheLoyaltyPointsLater() throws Exception {
    SeedData.Customer customer = SeedData.customers().get(18);
    String token = token(customer.id());

    // the wire: multipart, the primary part without loyalty, a later part with it
    HttpResponse<String> raw =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(gateway.url()))
                    .header("Content-Type", "application/json")
                    .header("Accept", "multipart/mixed;deferSpec=20220824, application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"query\":"
                                + new com.fasterxml.jackson.databind.ObjectMapper()
                                    .writeValueAsString(CustomerLoyaltyQuery.DOCUMENT)
                                + ",\"variables\":{\"id\":\""
                                + customer.id()
                                + "\"}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(raw.headers().firstValue("Content-Type").orElse("")).startsWith("multipart/mixed");
    String[] parts = raw.body().split("--graphql");
    assertThat(parts.length).isGreaterThanOrEqualTo(3);
    assertThat(parts[1]).contains(customer.name()).doesNotContain("loyalty\":{");
    assertThat(raw.body().substring(raw.body().indexOf(parts[2])))
        .contains("\"label\":\"loyalty\"");

    GraphQLResult<CustomerLoyaltyQuery.Data> result =
        client(token).execute(CustomerLoyaltyQuery.builder().id(customer.id()).build());
    assertThat(result.errors()).isEmpty();
    CustomerLoyaltyQuery.Data.Customer c = result.data().customer();
    assertThat(c.name()).isEqualTo(customer.name());
    GraphQLResult<CustomerLoyaltyQuery.Data.Customer.LoyaltyDeferred> loyalty =
        c.loyaltyDeferred().get(30, TimeUnit.SECONDS);
    assertThat(loyalty.errors()).isEmpty();
    assertThat(loyalty.data().loyalty().points()).isGreaterThanOrEqualTo(0);
  }
}
