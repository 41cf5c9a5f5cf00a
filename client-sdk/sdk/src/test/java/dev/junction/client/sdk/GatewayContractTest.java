package dev.junction.client.sdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.junction.client.GraphQLClient;
import dev.junction.client.GraphQLClientBuilder;
import dev.junction.client.GraphQLResult;
import dev.junction.client.RetryPolicy;
import dev.junction.client.sdk.type.CustomerTier;
import dev.junction.client.sdk.type.OrderStatus;
import dev.junction.client.sdk.type.PaymentStatus;
import dev.junction.client.sdk.type.RegisterCustomerInput;
import dev.junction.client.sdk.type.ShipmentStatus;
import dev.junction.client.transport.HttpStatusException;
import dev.junction.client.transport.JdkHttpTransport;
import dev.junction.client.transport.OkHttpTransport;
import dev.junction.client.transport.Transport;
import dev.junction.client.transport.TransportTimeoutException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The SDK against a WireMock gateway whose responses are schema-validated stub files. */
class GatewayContractTest {
  static WireMockServer gateway;

  enum Adapter {
    JDK(() -> new JdkHttpTransport(Duration.ofSeconds(1))),
    OKHTTP(() -> new OkHttpTransport(Duration.ofSeconds(1)));

    final Supplier<Transport> factory;

    Adapter(Supplier<Transport> factory) {
      this.factory = factory;
    }
  }

  @BeforeAll
  static void start() {
    gateway = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    gateway.start();
  }

  @AfterAll
  static void stop() {
    gateway.stop();
  }

  @BeforeEach
  void reset() {
    gateway.resetAll();
  }

  static GraphQLClient client(Adapter adapter, Consumer<GraphQLClientBuilder> customizer) {
    GraphQLClientBuilder builder =
        GraphQLClient.builder(URI.create(gateway.baseUrl() + "/graphql"))
            .transport(adapter.factory.get())
            .persistedQueries(false)
            .callTimeout(Duration.ofSeconds(2))
            .retryPolicy(
                new RetryPolicy(
                    3, Duration.ofMillis(20), Duration.ofMillis(100), 0.5, Duration.ofSeconds(5)));
    customizer.accept(builder);
    return builder.build();
  }

  static GraphQLClient client() {
    return client(Adapter.JDK, b -> {});
  }

  static void stubOperation(String operationName, String stubFile) {
    gateway.stubFor(
        post(urlEqualTo("/graphql"))
            .withRequestBody(matchingJsonPath("$.operationName", equalTo(operationName)))
            .willReturn(okJson(Stubs.body(stubFile))));
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/graphql-response+json")
        .withBody(body);
  }

  static JsonNode body(LoggedRequest request) throws Exception {
    return Stubs.JSON.readTree(request.getBodyAsString());
  }

  static List<LoggedRequest> requests() {
    return gateway.findAll(postRequestedFor(urlEqualTo("/graphql")));
  }

  @ParameterizedTest
  @EnumSource(Adapter.class)
  void browseProductsParsesIntoRecords(Adapter adapter) throws Exception {
    stubOperation("BrowseProducts", "BrowseProducts.ok.json");

    GraphQLResult<BrowseProductsQuery.Data> result =
        client(adapter, b -> {}).execute(BrowseProductsQuery.builder().first(2).build());

    assertThat(result.errors()).isEmpty();
    var products = result.data().products();
    assertThat(products.edges()).hasSize(2);
    var first = products.edges().get(0).node();
    assertThat(first.name()).isEqualTo("Darjeeling First Flush");
    assertThat(first.price().amount()).isEqualTo(new BigDecimal("12.50"));
    assertThat(first.price().currency()).isEqualTo("EUR");
    assertThat(first.stock().available()).isEqualTo(42);
    assertThat(products.edges().get(1).node().inStock()).isFalse();
    assertThat(products.pageInfo().hasNextPage()).isTrue();
    assertThat(products.pageInfo().endCursor()).isEqualTo("Y3Vyc29yOjI=");

    JsonNode sent = body(requests().get(0));
    assertThat(sent.get("query").asText()).isEqualTo(BrowseProductsQuery.DOCUMENT);
    assertThat(sent.get("variables").toString()).isEqualTo("{\"first\":2}");
  }

  @Test
  void productByBarcodeParsesIntoRecords() {
    stubOperation("ProductByBarcode", "ProductByBarcode.ok.json");

    var result = client().execute(ProductByBarcodeQuery.builder().barcode("8712345678906").build());

    var product = result.data().productByBarcode();
    assertThat(product.barcode()).isEqualTo("8712345678906");
    assertThat(product.description()).isNull();
    assertThat(product.stock().reserved()).isEqualTo(3);
    assertThat(product.dimensions().heightMm()).isEqualTo(120);
    assertThat(product.weightGrams()).isEqualTo(250);
    assertThat(requests().get(0).getBodyAsString())
        .contains("\"variables\":{\"barcode\":\"8712345678906\"}");
  }

  @Test
  void customerWithOrdersParsesEnumsDatesAliasesAndNulls() {
    stubOperation("CustomerWithOrders", "CustomerWithOrders.ok.json");

    var customer =
        client().execute(CustomerWithOrdersQuery.builder().id("cust-7").build()).data().customer();

    assertThat(customer.tier()).isEqualTo(CustomerTier.GOLD);
    assertThat(customer.createdAt()).isEqualTo(OffsetDateTime.parse("2026-01-15T09:30:00Z"));
    var orders = customer.orders().edges();
    var shipped = orders.get(0).node();
    assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
    assertThat(shipped.lines())
        .extracting(l -> l.product().name())
        .containsExactly("Darjeeling First Flush", "Sencha");
    assertThat(shipped.lines().get(0).lineTotal().amount()).isEqualTo(new BigDecimal("25.00"));
    assertThat(shipped.payment().status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(shipped.shipment().status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
    assertThat(orders.get(1).node().payment()).isNull();
    assertThat(orders.get(1).node().shipment()).isNull();
    assertThat(customer.orders().pageInfo().endCursor()).isNull();
  }

  @Test
  void partialDataAndErrorsComeTogether() {
    stubOperation("CustomerWithOrders", "CustomerWithOrders.partial.json");

    var result = client().execute(CustomerWithOrdersQuery.builder().id("cust-7").build());

    assertThat(result.isPartial()).isTrue();
    var order = result.data().customer().orders().edges().get(0).node();
    assertThat(order.shipment()).isNull();
    assertThat(order.payment().providerReference()).isNull();
    assertThat(result.errors()).hasSize(1);
    assertThat(result.errors().get(0).code()).isEqualTo("SUBGRAPH_UNAVAILABLE");
    assertThat(result.errors().get(0).path())
        .containsExactly("customer", "orders", "edges", 0, "node", "shipment");
  }

  @Test
  void badUserInputIsAResultNotAnException() {
    stubOperation("ProductByBarcode", "ProductByBarcode.bad-input.json");

    var result = client().execute(ProductByBarcodeQuery.builder().barcode("123").build());

    assertThat(result.data().productByBarcode()).isNull();
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.code()).isEqualTo("BAD_USER_INPUT");
              assertThat(e.path()).containsExactly("productByBarcode");
            });
  }

  @Test
  void mutationRoundTripSerialisesTheInput() {
    stubOperation("RegisterCustomer", "RegisterCustomer.ok.json");

    var result =
        client()
            .execute(
                RegisterCustomerMutation.builder()
                    .input(
                        RegisterCustomerInput.builder()
                            .name("Grace Hopper")
                            .email("grace@example.org")
                            .build())
                    .build());

    assertThat(result.data().registerCustomer().tier()).isEqualTo(CustomerTier.BRONZE);
    assertThat(requests().get(0).getBodyAsString())
        .contains(
            "\"variables\":{\"input\":{\"email\":\"grace@example.org\",\"name\":\"Grace Hopper\"}}");
  }

  @ParameterizedTest
  @EnumSource(Adapter.class)
  void retriesAQueryOn503ThenSucceeds(Adapter adapter) {
    gateway.stubFor(
        post(urlEqualTo("/graphql"))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("recovered"));
    gateway.stubFor(
        post(urlEqualTo("/graphql"))
            .inScenario("flaky")
            .whenScenarioStateIs("recovered")
            .willReturn(okJson(Stubs.body("BrowseProducts.ok.json"))));

    var result = client(adapter, b -> {}).execute(BrowseProductsQuery.builder().build());

    assertThat(result.data().products().edges()).hasSize(2);
    assertThat(requests()).hasSize(2);
  }

  @Test
  void honoursRetryAfterOn429() {
    gateway.stubFor(
        post(urlEqualTo("/graphql"))
            .inScenario("throttled")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
            .willSetStateTo("open"));
    gateway.stubFor(
        post(urlEqualTo("/graphql"))
            .inScenario("throttled")
            .whenScenarioStateIs("open")
            .willReturn(okJson(Stubs.body("BrowseProducts.ok.json"))));

    long start = System.nanoTime();
    var result = client().execute(BrowseProductsQuery.builder().build());
    long tookMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(result.data()).isNotNull();
    assertThat(requests()).hasSize(2);
    assertThat(tookMillis).isGreaterThanOrEqualTo(1000);
  }

  @Test
  void givesUpWhenRetryAfterExceedsTheBudget() {
    gateway.stubFor(
        post(urlEqualTo("/graphql"))
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30")));

    assertThatThrownBy(() -> client().execute(BrowseProductsQuery.builder().build()))
        .isInstanceOfSatisfying(
            HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(503));
    assertThat(requests()).hasSize(1);
  }

  @Test
  void stopsAfterMaxAttempts() {
    gateway.stubFor(post(urlEqualTo("/graphql")).willReturn(aResponse().withStatus(504)));

    assertThatThrownBy(() -> client().execute(BrowseProductsQuery.builder().build()))
        .isInstanceOf(HttpStatusException.class);
    assertThat(requests()).hasSize(3);
  }

  @Test
  void neverRetriesAMutation() {
    gateway.stubFor(post(urlEqualTo("/graphql")).willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(
            () ->
                client()
                    .execute(
                        RegisterCustomerMutation.builder()
                            .input(new RegisterCustomerInput("x@example.org", "X"))
                            .build()))
        .isInstanceOfSatisfying(
            HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(503));
    assertThat(requests()).hasSize(1);
  }

  @Test
  void noRetryOn400Or404() {
    gateway.stubFor(
        post(urlEqualTo("/graphql"))
            .withRequestBody(matchingJsonPath("$.operationName", equalTo("BrowseProducts")))
            .willReturn(
                aResponse().withStatus(400).withBody("{\"errors\":[{\"message\":\"bad\"}]}")));
    gateway.stubFor(
        post(urlEqualTo("/graphql"))
            .withRequestBody(matchingJsonPath("$.operationName", equalTo("ProductByBarcode")))
            .willReturn(aResponse().withStatus(404)));

    assertThatThrownBy(() -> client().execute(BrowseProductsQuery.builder().build()))
        .isInstanceOfSatisfying(
            HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> client().execute(ProductByBarcodeQuery.builder().barcode("1").build()))
        .isInstanceOfSatisfying(
            HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(requests()).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(Adapter.class)
  void timesOutPerCall(Adapter adapter) {
    gateway.stubFor(
        post(urlEqualTo("/graphql"))
            .willReturn(okJson(Stubs.body("BrowseProducts.ok.json")).withFixedDelay(3000)));

    GraphQLClient client = client(adapter, b -> b.callTimeout(Duration.ofMillis(300)));
    long start = System.nanoTime();
    assertThatThrownBy(() -> client.execute(BrowseProductsQuery.builder().build()))
        .isInstanceOf(TransportTimeoutException.class);
    long tookMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(tookMillis).isBetween(250L, 2500L);
    assertThat(requests()).hasSize(1);
  }

  @Test
  void aCallCanOverrideTheTimeout() {
    gateway.stubFor(
        post(urlEqualTo("/graphql"))
            .willReturn(okJson(Stubs.body("BrowseProducts.ok.json")).withFixedDelay(3000)));
    GraphQLClient client = client(Adapter.JDK, b -> b.callTimeout(Duration.ofSeconds(10)));

    long start = System.nanoTime();
    assertThatThrownBy(
            () -> client.execute(BrowseProductsQuery.builder().build(), Duration.ofMillis(300)))
        .isInstanceOf(TransportTimeoutException.class);
    assertThat((System.nanoTime() - start) / 1_000_000).isBetween(250L, 2500L);
  }
}
