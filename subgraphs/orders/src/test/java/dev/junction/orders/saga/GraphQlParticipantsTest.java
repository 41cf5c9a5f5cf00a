package dev.junction.orders.saga;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.junction.orders.order.OrderStatus;
import dev.junction.orders.saga.remote.GraphQlSagaParticipants;
import dev.junction.subgraph.common.testing.TestCallers;
import dev.junction.subgraph.common.trust.Caller;
import dev.junction.subgraph.common.trust.CallerCredentials;
import dev.junction.subgraph.common.trust.CallerTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.test.StepVerifier;

/**
 * The saga over GraphQL against WireMock subgraphs: the requests each participant receives, and how
 * answers map to permanent and transient failures.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.r2dbc.url=r2dbc:h2:mem:///orders_wiremock;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
          + "DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE",
      "junction.seed.enabled=false",
      "junction.saga.call-timeout=2s",
      "junction.saga.retry-wait=10ms",
      "junction.saga.recovery-interval=0"
    })
class GraphQlParticipantsTest {
  static final WireMockServer subgraphs = new WireMockServer(options().dynamicPort());

  static {
    subgraphs.start();
  }

  @DynamicPropertySource
  static void urls(DynamicPropertyRegistry registry) {
    for (String name : List.of("accounts", "catalog", "inventory", "payments", "shipping")) {
      registry.add("junction.saga.subgraphs." + name + ".url", subgraphs::baseUrl);
    }
  }

  @AfterAll
  static void stop() {
    subgraphs.stop();
  }

  @Autowired PlaceOrderService placeOrder;
  @Autowired SagaLog sagaLog;
  @Autowired SagaProperties props;
  GraphQlSagaParticipants participants;

  @BeforeEach
  void reset() {
    subgraphs.resetAll();
    participants = new GraphQlSagaParticipants(props);
  }

  static void answer(String field, String json) {
    subgraphs.stubFor(
        post("/graphql")
            .withRequestBody(matchingJsonPath("$.query", containing(field)))
            .willReturn(okJson(json)));
  }

  static void happyStubs() {
    answer("customer(id", "{\"data\":{\"customer\":{\"id\":\"cust-001\"}}}");
    answer(
        "product(id",
        "{\"data\":{\"p0\":{\"id\":\"prod-001\",\"name\":\"Kettle\","
            + "\"price\":{\"amount\":\"24.99\",\"currency\":\"EUR\"}}}}");
    answer("reserveStock", "{\"data\":{\"reserveStock\":{\"status\":\"RESERVED\"}}}");
    answer(
        "chargePayment", "{\"data\":{\"chargePayment\":{\"id\":\"pay\",\"status\":\"CAPTURED\"}}}");
    answer("creditPoints", "{\"data\":{\"creditPoints\":{\"id\":\"le-1\"}}}");
    answer(
        "createShipment",
        "{\"data\":{\"createShipment\":{\"id\":\"s\",\"status\":\"LABEL_CREATED\"}}}");
  }

  @Test
  void happyPathCallsEachSubgraphOnceWithTheOrderId() {
    happyStubs();
    PlaceOrderCommand cmd =
        new PlaceOrderCommand(
            "cust-001", List.of(new Saga.RequestedLine("prod-001", 2)), "Damrak 1", "visa");

    String id = placeOrder.place(cmd, UUID.randomUUID().toString()).block();

    Saga saga = sagaLog.load(id).block();
    assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED);
    for (String op : List.of("reserveStock", "chargePayment", "createShipment")) {
      subgraphs.verify(
          1,
          postRequestedFor(urlEqualTo("/graphql"))
              .withRequestBody(matchingJsonPath("$.query", containing(op)))
              .withRequestBody(matchingJsonPath("$.variables.orderId", equalTo(id))));
    }
    subgraphs.verify(
        1,
        postRequestedFor(urlEqualTo("/graphql"))
            .withRequestBody(matchingJsonPath("$.variables.amount", equalTo("49.98"))));
    subgraphs.verify(
        1,
        postRequestedFor(urlEqualTo("/graphql"))
            .withRequestBody(matchingJsonPath("$.variables.r", equalTo("order " + id)))
            .withRequestBody(matchingJsonPath("$.variables.a", equalTo("49"))));
  }

  @Test
  void insufficientStockOverGraphQlRejectsAndReleases() {
    happyStubs();
    answer(
        "reserveStock",
        "{\"errors\":[{\"message\":\"short\",\"path\":[\"reserveStock\"],"
            + "\"extensions\":{\"code\":\"INSUFFICIENT_STOCK\"}}],\"data\":null}");
    answer(
        "releaseStock",
        "{\"errors\":[{\"message\":\"none\",\"extensions\":{\"code\":\"NOT_FOUND\"}}],"
            + "\"data\":null}");
    PlaceOrderCommand cmd =
        new PlaceOrderCommand(
            "cust-001", List.of(new Saga.RequestedLine("prod-001", 2)), "Damrak 1", "visa");

    String id = placeOrder.place(cmd, UUID.randomUUID().toString()).block();

    Saga saga = sagaLog.load(id).block();
    assertThat(saga.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(saga.targetStatus()).isEqualTo(OrderStatus.REJECTED);
    assertThat(saga.step(SagaStepName.RESERVE_STOCK).attempts()).isEqualTo(1);
    assertThat(saga.step(SagaStepName.RESERVE_STOCK).status())
        .isEqualTo(SagaStepStatus.COMPENSATED);
  }

  @Test
  void answersMapToPermanentAndTransientFailures() {
    answer("customer(id", "{\"data\":{\"customer\":null}}");
    StepVerifier.create(participants.checkCustomer("nobody"))
        .expectErrorSatisfies(e -> assertFailure(e, "NOT_FOUND", false))
        .verify();

    subgraphs.stubFor(
        post("/graphql")
            .withRequestBody(matchingJsonPath("$.query", containing("chargePayment")))
            .willReturn(aResponse().withStatus(503)));
    StepVerifier.create(participants.chargePayment("o", 100, "EUR", "visa"))
        .expectErrorSatisfies(e -> assertFailure(e, "UPSTREAM_503", true))
        .verify();

    answer("refundPayment", "not json at all");
    StepVerifier.create(participants.refundPayment("o"))
        .expectErrorSatisfies(e -> assertFailure(e, "BAD_RESPONSE", true))
        .verify();

    answer(
        "createShipment",
        "{\"errors\":[{\"message\":\"down\",\"extensions\":"
            + "{\"code\":\"PAYMENT_PROVIDER_UNAVAILABLE\"}}]}");
    StepVerifier.create(participants.createShipment("o", "a"))
        .expectErrorSatisfies(e -> assertFailure(e, "PAYMENT_PROVIDER_UNAVAILABLE", true))
        .verify();

    GraphQlSagaParticipants unreachable =
        new GraphQlSagaParticipants(
            new SagaProperties(
                Map.of("inventory", new SagaProperties.Subgraph("http://localhost:1")),
                null,
                null,
                null,
                null,
                null));
    StepVerifier.create(unreachable.releaseStock("o"))
        .expectErrorSatisfies(e -> assertFailure(e, "UNREACHABLE", true))
        .verify();
  }

  /**
   * With a secret, every call carries the orders service's caller token, addressed to the
   * participant and naming the end user of the Reactor context (none for saga recovery); the
   * payment call names the order's customer.
   */
  @Test
  void callsCarryTheCallerTokenOfOrdersWithTheEndUser() {
    happyStubs();
    CallerTokens tokens = new CallerTokens(TestCallers.SECRET, java.time.Clock.systemUTC());
    GraphQlSagaParticipants trusted =
        new GraphQlSagaParticipants(
            props, new CallerCredentials(tokens, "orders", java.time.Clock.systemUTC()));
    Caller placedBy = new Caller("gateway", "cust-007", java.util.Set.of("orders:write"));
    StepVerifier.create(
            trusted
                .chargePayment("o-1", "cust-007", 1_000, "EUR", "visa")
                .contextWrite(placedBy.context()))
        .verifyComplete();
    StepVerifier.create(trusted.creditPoints("cust-007", 10, "order o-1")).verifyComplete();

    var requests = subgraphs.getAllServeEvents();
    assertThat(requests).hasSize(2);
    for (var event : requests) {
      String body = event.getRequest().getBodyAsString();
      String token = event.getRequest().getHeader(CallerTokens.HEADER);
      String audience = body.contains("chargePayment") ? "payments" : "accounts";
      Caller caller = tokens.verify(token, audience).caller();
      assertThat(caller.service()).isEqualTo("orders");
      if (audience.equals("payments")) {
        assertThat(caller)
            .isEqualTo(new Caller("orders", "cust-007", java.util.Set.of("orders:write")));
        assertThat(body).contains("\"customerId\":\"cust-007\"");
      } else {
        assertThat(caller.anonymous()).isTrue(); // no end user in the context
      }
    }
  }

  /**
   * Every operation the participants send is valid against the committed SDL of the subgraph it
   * goes to (field and argument names, input types), so that a schema change there breaks here.
   */
  @Test
  void everyOperationIsValidAgainstTheSubgraphSchemas() throws Exception {
    happyStubs();
    answer("releaseStock", "{\"data\":{\"releaseStock\":{\"status\":\"RELEASED\"}}}");
    answer("refundPayment", "{\"data\":{\"refundPayment\":{\"id\":\"p\"}}}");
    answer("revokePoints", "{\"data\":{\"revokePoints\":{\"id\":\"le\"}}}");
    answer("cancelShipment", "{\"data\":{\"cancelShipment\":{\"id\":\"s\"}}}");
    participants.checkCustomer("cust-001").block();
    participants.prices(List.of("prod-001")).block();
    participants.reserveStock("o", List.of(new Saga.RequestedLine("prod-001", 1))).block();
    participants.releaseStock("o").block();
    participants.chargePayment("o", 1_000, "EUR", "visa").block();
    participants.refundPayment("o").block();
    participants.creditPoints("cust-001", 10, "order o").block();
    participants.revokePoints("cust-001", 10, "order o revoked").block();
    participants.createShipment("o", "Damrak 1").block();
    participants.cancelShipment("o").block();

    Map<String, graphql.schema.GraphQLSchema> schemas = new java.util.HashMap<>();
    for (String name : List.of("accounts", "catalog", "inventory", "payments", "shipping")) {
      String sdl =
          java.nio.file.Files.readString(java.nio.file.Path.of("..", name, "subgraph.graphql"));
      schemas.put(
          name,
          graphql.schema.idl.UnExecutableSchemaGenerator.makeUnExecutableSchema(
              new graphql.schema.idl.SchemaParser().parse(sdl)));
    }
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> events =
        subgraphs.getAllServeEvents();
    assertThat(events).hasSize(10);
    for (com.github.tomakehurst.wiremock.stubbing.ServeEvent event : events) {
      @SuppressWarnings("unchecked")
      Map<String, Object> body = json.readValue(event.getRequest().getBodyAsString(), Map.class);
      String query = (String) body.get("query");
      String target =
          query.contains("customer(") || query.contains("Points(")
              ? "accounts"
              : query.contains("product(")
                  ? "catalog"
                  : query.contains("Stock(")
                      ? "inventory"
                      : query.contains("Payment(") ? "payments" : "shipping";
      @SuppressWarnings("unchecked")
      Map<String, Object> variables = (Map<String, Object>) body.get("variables");
      graphql.ParseAndValidateResult result =
          graphql.ParseAndValidate.parseAndValidate(
              schemas.get(target),
              graphql.ExecutionInput.newExecutionInput(query).variables(variables).build());
      assertThat(result.getErrors()).as("%s against %s", query, target).isEmpty();
    }
  }

  private static void assertFailure(Throwable e, String code, boolean isTransient) {
    assertThat(e).isInstanceOf(RemoteCallException.class);
    RemoteCallException r = (RemoteCallException) e;
    assertThat(r.code()).isEqualTo(code);
    assertThat(r.isTransient()).isEqualTo(isTransient);
  }
}
