package dev.junction.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.graphql.dgs.DgsQueryExecutor;
import dev.junction.payments.payment.Payment;
import dev.junction.payments.payment.PaymentRepository;
import dev.junction.payments.payment.PaymentStatus;
import dev.junction.payments.seed.PaymentsSeeder;
import dev.junction.subgraph.common.money.Money;
import dev.junction.subgraph.common.seed.SeedData;
import dev.junction.subgraph.common.testing.SdlSnapshot;
import dev.junction.subgraph.common.testing.StatementCounter;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/** The payments subgraph through GraphQL (DgsQueryExecutor) and real HTTP, on H2. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties =
        "spring.r2dbc.url=r2dbc:h2:mem:///payments_gql;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
            + "DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE")
@Import(StatementCounter.class)
class PaymentsGraphQlTest {
  private static final String PAYMENT_FIELDS =
      "id amount { amount currency } status providerReference order { id } createdAt";

  @Autowired DgsQueryExecutor dgs;
  @Autowired StatementCounter counter;
  @Autowired PaymentRepository payments;
  @LocalServerPort int port;

  WebTestClient http;

  @BeforeEach
  void setUp() {
    http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
  }

  @Test
  void paymentById() {
    SeedData.Payment seed = SeedData.payments().get(4);
    SeedData.Order order = SeedData.orders().get(4);
    Map<String, Object> p =
        dgs.executeAndExtractJsonPath(
            "query($id: ID!) { payment(id: $id) { " + PAYMENT_FIELDS + " } }",
            "data.payment",
            Map.of("id", seed.id()));
    assertThat(p)
        .containsEntry("id", seed.id())
        .containsEntry("status", seed.status())
        .containsEntry("providerReference", seed.providerReference())
        .containsEntry("order", Map.of("id", seed.orderId()))
        .containsEntry(
            "amount",
            Map.of(
                "amount",
                BigDecimal.valueOf(seed.amountCents(), 2).toPlainString(),
                "currency",
                "EUR"));
    assertThat(order.id()).isEqualTo(seed.orderId());
    assertThat(OffsetDateTime.parse((String) p.get("createdAt")).toInstant())
        .isEqualTo(order.placedAt().plus(PaymentsSeeder.PAID_AFTER));
  }

  @Test
  void cancelledOrdersHaveRefundedPayments() {
    SeedData.Order cancelled =
        SeedData.orders().stream()
            .filter(o -> o.status().equals("CANCELLED"))
            .findFirst()
            .orElseThrow();
    String status =
        dgs.executeAndExtractJsonPath(
            "query($reps: [_Any!]!) { _entities(representations: $reps) {"
                + " ... on Order { payment { status } } } }",
            "data._entities[0].payment.status",
            Map.of("reps", List.of(Map.of("__typename", "Order", "id", cancelled.id()))));
    assertThat(status).isEqualTo("REFUNDED");
  }

  @Test
  void unknownPaymentIsNullWithNotFound() {
    ExecutionResult r = dgs.execute("{ payment(id: \"pay-nope\") { id } }");
    assertThat((Map<String, Object>) r.getData()).containsEntry("payment", null);
    assertError(r, "NOT_FOUND", List.of("payment"));
  }

  @Test
  void hundredOrderRepresentationsRunOneSelect() {
    List<String> orderIds = new ArrayList<>();
    SeedData.orders().forEach(o -> orderIds.add(o.id()));
    IntStream.rangeClosed(1, 70).forEach(i -> orderIds.add(String.format("ord-new-%03d", i)));
    List<Map<String, Object>> reps =
        orderIds.stream()
            .map(id -> Map.<String, Object>of("__typename", "Order", "id", id))
            .toList();

    counter.reset();
    ExecutionResult r =
        dgs.execute(
            "query($reps: [_Any!]!) { _entities(representations: $reps) {"
                + " ... on Order { id payment { id amount { amount } order { id } } } } }",
            Map.of("reps", reps));
    assertThat(r.getErrors()).isEmpty();
    List<Map<String, Object>> entities =
        (List<Map<String, Object>>) ((Map<String, Object>) r.getData()).get("_entities");
    assertThat(entities).hasSize(100);
    assertThat(counter.selects()).hasSize(1);
    assertThat(counter.statements()).hasSize(1);
    assertThat(counter.selects().get(0)).containsIgnoringCase("order_id IN");

    for (int i = 0; i < 100; i++) {
      Map<String, Object> e = entities.get(i);
      assertThat(e.get("id")).isEqualTo(orderIds.get(i));
      Map<String, Object> payment = (Map<String, Object>) e.get("payment");
      if (i < 30) {
        assertThat(payment.get("id")).isEqualTo(SeedData.payments().get(i).id());
        assertThat(payment.get("order")).isEqualTo(Map.of("id", orderIds.get(i)));
      } else {
        assertThat(payment).as("order without payment").isNull();
      }
    }
  }

  @Test
  void hundredPaymentRepresentationsRunOneSelect() {
    List<String> ids = ensureHundredPayments();
    List<Map<String, Object>> reps =
        ids.stream().map(id -> Map.<String, Object>of("__typename", "Payment", "id", id)).toList();
    counter.reset();
    List<Map<String, Object>> entities =
        dgs.executeAndExtractJsonPath(
            "query($reps: [_Any!]!) { _entities(representations: $reps) {"
                + " ... on Payment { id status order { id } } } }",
            "data._entities",
            Map.of("reps", reps));
    assertThat(entities).extracting(e -> e.get("id")).containsExactlyElementsOf(ids);
    assertThat(counter.selects()).hasSize(1);
    assertThat(counter.statements()).hasSize(1);
  }

  @Test
  void unknownPaymentRepresentationIsNullWithNotFound() {
    ExecutionResult r =
        dgs.execute(
            "query($reps: [_Any!]!) { _entities(representations: $reps) {"
                + " ... on Payment { id } } }",
            Map.of(
                "reps",
                List.of(
                    Map.of("__typename", "Payment", "id", "pay-ghost"),
                    Map.of("__typename", "Payment", "id", "pay-0001"))));
    List<Map<String, Object>> entities =
        (List<Map<String, Object>>) ((Map<String, Object>) r.getData()).get("_entities");
    assertThat(entities.get(0)).isNull();
    assertThat(entities.get(1)).containsEntry("id", "pay-0001");
    assertError(r, "NOT_FOUND", List.of("_entities", 0));
  }

  @Test
  void servedSdlMatchesCommittedFile() {
    String sdl = dgs.executeAndExtractJsonPath("{ _service { sdl } }", "data._service.sdl");
    assertThat(sdl)
        .contains("type Payment @key(fields : \"id\"")
        .contains("type Order @key(fields : \"id\"");
    SdlSnapshot.assertMatches(sdl, Path.of("subgraph.graphql"));
  }

  @Test
  void graphQlOverHttp() {
    http.post()
        .uri("/graphql")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            Map.of(
                "query", "{ payment(id: \"pay-0003\") { id status amount { amount currency } } }"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.data.payment.id")
        .isEqualTo("pay-0003")
        .jsonPath("$.data.payment.amount.amount")
        .isEqualTo(BigDecimal.valueOf(SeedData.payments().get(2).amountCents(), 2).toPlainString());

    http.post()
        .uri("/graphql")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("query", "{ payment(id: \"missing\") { id } }"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.data.payment")
        .doesNotExist()
        .jsonPath("$.errors[0].extensions.code")
        .isEqualTo("NOT_FOUND")
        .jsonPath("$.errors[0].path[0]")
        .isEqualTo("payment")
        .jsonPath("$.errors[0].extensions.errorType")
        .doesNotExist();
  }

  @Test
  void healthIsUp() {
    http.get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");
  }

  private List<String> ensureHundredPayments() {
    List<Payment> extra =
        IntStream.rangeClosed(1, 70)
            .mapToObj(
                i ->
                    new Payment(
                        String.format("pay-extra-%03d", i),
                        String.format("ord-extra-%03d", i),
                        Money.ofCents(1000L + i, "EUR"),
                        PaymentStatus.AUTHORIZED,
                        null,
                        OffsetDateTime.now(ZoneOffset.UTC)))
            .toList();
    Set<String> present =
        new HashSet<>(
            payments
                .findByIds(extra.stream().map(Payment::id).toList())
                .map(Payment::id)
                .collectList()
                .block());
    Flux.fromIterable(extra)
        .filter(p -> !present.contains(p.id()))
        .concatMap(payments::insert)
        .blockLast();
    List<String> ids = new ArrayList<>();
    SeedData.payments().forEach(p -> ids.add(p.id()));
    extra.forEach(p -> ids.add(p.id()));
    return ids;
  }

  static void assertError(ExecutionResult r, String code, List<Object> path) {
    assertThat(r.getErrors()).as("errors of %s", r).hasSize(1);
    GraphQLError error = r.getErrors().get(0);
    assertThat(error.getExtensions()).containsEntry("code", code);
    assertThat(error.getPath()).isEqualTo(path);
    assertThat(error.getMessage()).doesNotContain("Exception");
  }
}
