package dev.junction.client.sdk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.junction.client.sdk.GatewayContractTest.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.junction.client.GraphQLClient;
import dev.junction.client.GraphQLClientBuilder;
import dev.junction.client.RetryPolicy;
import dev.junction.client.generator.OperationCompiler;
import dev.junction.client.sdk.type.OrderStatus;
import dev.junction.client.transport.CircuitOpenException;
import dev.junction.client.transport.HttpStatusException;
import dev.junction.client.transport.InvalidResponseException;
import dev.junction.client.transport.JdkHttpTransport;
import dev.junction.client.transport.Transport;
import dev.junction.client.transport.TransportConnectException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Circuit breaking, APQ, headers, connect errors, invalid bodies, generated-model details. */
class ClientBehaviourTest {
  static WireMockServer gateway;

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

  private static GraphQLClientBuilder builder() {
    return GraphQLClient.builder(URI.create(gateway.baseUrl() + "/graphql"))
        .transport(new JdkHttpTransport(Duration.ofSeconds(1)))
        .retryPolicy(RetryPolicy.none())
        .persistedQueries(false);
  }

  private static List<LoggedRequest> requests() {
    return gateway.findAll(
        com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/graphql")));
  }

  private static JsonNode body(LoggedRequest request) throws Exception {
    return Stubs.JSON.readTree(request.getBodyAsString());
  }

  @Test
  void circuitOpensAfterFailuresAndStopsCallingTheGateway() {
    gateway.stubFor(post(urlEqualTo("/graphql")).willReturn(aResponse().withStatus(500)));
    GraphQLClient client =
        builder()
            .circuitBreaker(
                CircuitBreakerConfig.custom()
                    .slidingWindowSize(4)
                    .minimumNumberOfCalls(4)
                    .failureRateThreshold(50)
                    .waitDurationInOpenState(Duration.ofSeconds(30))
                    .build())
            .build();

    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> client.execute(BrowseProductsQuery.builder().build()))
          .isInstanceOf(HttpStatusException.class);
    }
    assertThat(client.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThatThrownBy(() -> client.execute(BrowseProductsQuery.builder().build()))
        .isInstanceOf(CircuitOpenException.class);
    assertThat(requests()).hasSize(4);
  }

  @Test
  void circuitHalfOpensAfterTheWaitAndClosesOnSuccess() throws Exception {
    gateway.stubFor(post(urlEqualTo("/graphql")).willReturn(aResponse().withStatus(503)));
    GraphQLClient client =
        builder()
            .circuitBreaker(
                CircuitBreakerConfig.custom()
                    .slidingWindowSize(2)
                    .minimumNumberOfCalls(2)
                    .waitDurationInOpenState(Duration.ofMillis(300))
                    .permittedNumberOfCallsInHalfOpenState(1)
                    .build())
            .build();
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> client.execute(BrowseProductsQuery.builder().build()))
          .isInstanceOf(HttpStatusException.class);
    }
    assertThatThrownBy(() -> client.execute(BrowseProductsQuery.builder().build()))
        .isInstanceOf(CircuitOpenException.class);

    gateway.resetAll();
    gateway.stubFor(
        post(urlEqualTo("/graphql")).willReturn(okJson(Stubs.body("BrowseProducts.ok.json"))));
    Thread.sleep(400);

    assertThat(client.execute(BrowseProductsQuery.builder().build()).data()).isNotNull();
    assertThat(client.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(requests()).hasSize(1);
  }

  @Test
  void clientErrorsDoNotOpenTheCircuit() {
    gateway.stubFor(post(urlEqualTo("/graphql")).willReturn(aResponse().withStatus(400)));
    GraphQLClient client =
        builder()
            .circuitBreaker(
                CircuitBreakerConfig.custom().slidingWindowSize(2).minimumNumberOfCalls(2).build())
            .build();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> client.execute(BrowseProductsQuery.builder().build()))
          .isInstanceOf(HttpStatusException.class);
    }
    assertThat(client.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(requests()).hasSize(3);
  }

  @Test
  void apqSendsTheHashFirstThenTheDocumentOnNotFound() throws Exception {
    gateway.stubFor(
        post(urlEqualTo("/graphql"))
            .withRequestBody(matchingJsonPath("$.query", absent()))
            .willReturn(okJson(Stubs.body("ProductByBarcode.apq-not-found.json"))));
    gateway.stubFor(
        post(urlEqualTo("/graphql"))
            .withRequestBody(matchingJsonPath("$.query", equalTo(ProductByBarcodeQuery.DOCUMENT)))
            .willReturn(okJson(Stubs.body("ProductByBarcode.ok.json"))));
    GraphQLClient client = builder().persistedQueries(true).build();

    var result = client.execute(ProductByBarcodeQuery.builder().barcode("8712345678906").build());

    assertThat(result.data().productByBarcode().sku()).isEqualTo("TEA-001");
    List<LoggedRequest> sent = requests();
    assertThat(sent).hasSize(2);
    JsonNode first = body(sent.get(0));
    assertThat(first.has("query")).isFalse();
    assertThat(first.at("/extensions/persistedQuery/version").asInt()).isEqualTo(1);
    assertThat(first.at("/extensions/persistedQuery/sha256Hash").asText())
        .isEqualTo(ProductByBarcodeQuery.OPERATION_ID)
        .isEqualTo(OperationCompiler.sha256(ProductByBarcodeQuery.DOCUMENT));
    JsonNode second = body(sent.get(1));
    assertThat(second.get("query").asText()).isEqualTo(ProductByBarcodeQuery.DOCUMENT);
    assertThat(second.at("/extensions/persistedQuery/sha256Hash").asText())
        .isEqualTo(ProductByBarcodeQuery.OPERATION_ID);
    assertThat(client.persistedQueriesActive()).isTrue();
  }

  @Test
  void apqHitNeedsOneRequest() {
    gateway.stubFor(
        post(urlEqualTo("/graphql"))
            .withRequestBody(matchingJsonPath("$.query", absent()))
            .willReturn(okJson(Stubs.body("ProductByBarcode.ok.json"))));

    var result =
        builder()
            .persistedQueries(true)
            .build()
            .execute(ProductByBarcodeQuery.builder().barcode("8712345678906").build());

    assertThat(result.data().productByBarcode()).isNotNull();
    assertThat(requests()).hasSize(1);
  }

  @Test
  void apqFallsBackAndSwitchesOffWhenTheServerRejectsHashOnlyRequests() {
    gateway.stubFor(
        post(urlEqualTo("/graphql"))
            .withRequestBody(matchingJsonPath("$.query", absent()))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        "{\"errors\":[{\"message\":\"The request has no query document.\",\"extensions\":{\"code\":\"BAD_REQUEST\"}}]}")));
    gateway.stubFor(
        post(urlEqualTo("/graphql"))
            .withRequestBody(matchingJsonPath("$.query"))
            .willReturn(okJson(Stubs.body("ProductByBarcode.ok.json"))));
    GraphQLClient client = builder().persistedQueries(true).build();

    client.execute(ProductByBarcodeQuery.builder().barcode("8712345678906").build());
    client.execute(ProductByBarcodeQuery.builder().barcode("8712345678906").build());

    assertThat(client.persistedQueriesActive()).isFalse();
    assertThat(requests()).hasSize(3);
  }

  @Test
  void authTokenIsFetchedPerRequestAndIdentityAndTraceHeadersAreSent() {
    gateway.stubFor(
        post(urlEqualTo("/graphql")).willReturn(okJson(Stubs.body("BrowseProducts.ok.json"))));
    AtomicInteger tokens = new AtomicInteger();
    GraphQLClient client =
        builder()
            .authTokenProvider(() -> "token-" + tokens.incrementAndGet())
            .clientIdentity("junction-test", "9.9.9")
            .traceparent(() -> "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
            .build();

    client.execute(BrowseProductsQuery.builder().build());
    client.execute(BrowseProductsQuery.builder().build());

    List<LoggedRequest> sent = requests();
    assertThat(sent)
        .extracting(r -> r.getHeader("Authorization"))
        .containsExactly("Bearer token-1", "Bearer token-2");
    assertThat(sent)
        .allSatisfy(
            r -> {
              assertThat(r.getHeader("apollographql-client-name")).isEqualTo("junction-test");
              assertThat(r.getHeader("apollographql-client-version")).isEqualTo("9.9.9");
              assertThat(r.getHeader("traceparent"))
                  .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
            });
  }

  @Test
  void noAuthorizationHeaderWithoutAToken() {
    gateway.stubFor(
        post(urlEqualTo("/graphql")).willReturn(okJson(Stubs.body("BrowseProducts.ok.json"))));
    builder().authTokenProvider(() -> null).build().execute(BrowseProductsQuery.builder().build());
    assertThat(requests().get(0).containsHeader("Authorization")).isFalse();
  }

  @Test
  void connectErrorsAreRetriedForQueries() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    AtomicInteger attempts = new AtomicInteger();
    Transport jdk = new JdkHttpTransport(Duration.ofMillis(500));
    Transport counting =
        request -> {
          attempts.incrementAndGet();
          return jdk.send(request);
        };
    GraphQLClient client =
        GraphQLClient.builder(URI.create("http://127.0.0.1:" + port + "/graphql"))
            .transport(counting)
            .persistedQueries(false)
            .retryPolicy(
                new RetryPolicy(
                    3, Duration.ofMillis(10), Duration.ofMillis(50), 0.5, Duration.ofSeconds(5)))
            .build();

    assertThatThrownBy(() -> client.execute(BrowseProductsQuery.builder().build()))
        .isInstanceOf(TransportConnectException.class);
    assertThat(attempts).hasValue(3);
  }

  @Test
  void nonGraphQLBodiesAreInvalidResponses() {
    gateway.stubFor(
        post(urlEqualTo("/graphql"))
            .willReturn(aResponse().withStatus(200).withBody("<html>proxy</html>")));
    assertThatThrownBy(() -> builder().build().execute(BrowseProductsQuery.builder().build()))
        .isInstanceOf(InvalidResponseException.class);
  }

  @Test
  void dataNotMatchingTheSelectionIsAnInvalidResponse() {
    gateway.stubFor(
        post(urlEqualTo("/graphql"))
            .willReturn(
                okJson(
                    "{\"data\":{\"products\":{\"edges\":[{\"cursor\":\"c\"}],\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null}}}}")));
    assertThatThrownBy(() -> builder().build().execute(BrowseProductsQuery.builder().build()))
        .isInstanceOf(InvalidResponseException.class)
        .hasMessageContaining("data.products.edges[0].node: selected field is missing");
  }

  @Test
  void requiredVariablesAreEnforced() {
    assertThatThrownBy(() -> ProductByBarcodeQuery.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("$barcode");
    assertThatThrownBy(() -> ProductByBarcodeQuery.builder().barcode(null))
        .isInstanceOf(NullPointerException.class);
    assertThat(BrowseProductsQuery.builder().build().variables()).isEmpty();
  }

  @Test
  void unknownEnumValuesReadAsUnknown() throws Exception {
    JsonNode node = Stubs.JSON.readTree("\"ON_HOLD\"");
    assertThat(OrderStatus.fromWire(node.asText())).isEqualTo(OrderStatus.UNKNOWN__);
    assertThat(OrderStatus.fromWire("SHIPPED").wireName()).isEqualTo("SHIPPED");
    assertThatThrownBy(OrderStatus.UNKNOWN__::wireName).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void manifestListsEveryOperationWithItsHash() throws Exception {
    JsonNode manifest =
        Stubs.JSON.readTree(Files.readString(Path.of(System.getProperty("junction.manifest"))));
    assertThat(manifest.get("format").asText()).isEqualTo("apollo-persisted-query-manifest");
    assertThat(manifest.get("version").asInt()).isEqualTo(1);
    assertThat(manifest.get("operations")).hasSize(8);
    for (JsonNode operation : manifest.get("operations")) {
      assertThat(operation.get("id").asText())
          .isEqualTo(OperationCompiler.sha256(operation.get("body").asText()));
      assertThat(Stubs.DOCUMENTS.get(operation.get("name").asText()))
          .isEqualTo(operation.get("body").asText());
    }
    assertThat(manifest.findValuesAsText("type"))
        .containsExactly(
            "query",
            "query",
            "query",
            "subscription",
            "mutation",
            "query",
            "mutation",
            "subscription");
  }
}
