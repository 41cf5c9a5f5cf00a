package dev.junction.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.graphql.dgs.DgsQueryExecutor;
import dev.junction.accounts.customer.Customer;
import dev.junction.accounts.customer.CustomerRepository;
import dev.junction.accounts.customer.CustomerTier;
import dev.junction.subgraph.common.seed.SeedData;
import dev.junction.subgraph.common.testing.SdlSnapshot;
import dev.junction.subgraph.common.testing.StatementCounter;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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

/** The accounts subgraph through GraphQL (DgsQueryExecutor) and real HTTP, on H2. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties =
        "spring.r2dbc.url=r2dbc:h2:mem:///accounts_gql;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
            + "DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE")
@Import(StatementCounter.class)
class AccountsGraphQlTest {
  private static final String ENTITIES =
      "query($reps: [_Any!]!) { _entities(representations: $reps) {"
          + " ... on Customer { id email %s } } }";

  @Autowired DgsQueryExecutor dgs;
  @Autowired StatementCounter counter;
  @Autowired CustomerRepository customers;
  @LocalServerPort int port;

  WebTestClient http;

  @BeforeEach
  void setUp() {
    http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
  }

  // ---------------------------------------------------------------- queries

  @Test
  void customerById() {
    Map<String, Object> c =
        dgs.executeAndExtractJsonPath(
            "{ customer(id: \"cust-001\") { id email name tier createdAt } }", "data.customer");
    SeedData.Customer seed = SeedData.customers().get(0);
    assertThat(c)
        .containsEntry("id", "cust-001")
        .containsEntry("email", seed.email())
        .containsEntry("name", seed.name())
        .containsEntry("tier", seed.tier());
    assertThat(OffsetDateTime.parse((String) c.get("createdAt")).toInstant())
        .isEqualTo(seed.createdAt());
  }

  @Test
  void unknownCustomerIsNullWithNotFound() {
    ExecutionResult r = dgs.execute("{ customer(id: \"cust-nope\") { id } }");
    assertThat((Map<String, Object>) r.getData()).containsEntry("customer", null);
    assertError(r, "NOT_FOUND", List.of("customer"));
  }

  @Test
  void customerByEmailIsTrimmedAndCaseInsensitive() {
    String email = SeedData.customers().get(4).email();
    String id =
        dgs.executeAndExtractJsonPath(
            "query($e: String!) { customerByEmail(email: $e) { id } }",
            "data.customerByEmail.id",
            Map.of("e", "  " + email.toUpperCase() + " "));
    assertThat(id).isEqualTo("cust-005");
    ExecutionResult unknown =
        dgs.execute("{ customerByEmail(email: \"nobody@example.com\") { id } }");
    assertError(unknown, "NOT_FOUND", List.of("customerByEmail"));
    ExecutionResult malformed = dgs.execute("{ customerByEmail(email: \"not-an-email\") { id } }");
    assertError(malformed, "BAD_USER_INPUT", List.of("customerByEmail"));
  }

  @Test
  void customersPagesWithKeysetCursors() {
    List<String> seen = new ArrayList<>();
    String after = null;
    int pages = 0;
    boolean hasNext = true;
    while (hasNext && pages < 50) {
      Map<String, Object> vars = new HashMap<>();
      vars.put("after", after);
      Map<String, Object> conn =
          dgs.executeAndExtractJsonPath(
              "query($after: String) { customers(first: 7, after: $after) {"
                  + " edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }",
              "data.customers",
              vars);
      List<Map<String, Object>> edges = (List<Map<String, Object>>) conn.get("edges");
      Map<String, Object> pageInfo = (Map<String, Object>) conn.get("pageInfo");
      assertThat(edges).hasSizeLessThanOrEqualTo(7);
      edges.forEach(e -> seen.add((String) ((Map<String, Object>) e.get("node")).get("id")));
      hasNext = (Boolean) pageInfo.get("hasNextPage");
      after = (String) pageInfo.get("endCursor");
      if (!edges.isEmpty()) {
        assertThat(after).isEqualTo(edges.get(edges.size() - 1).get("cursor"));
      }
      pages++;
    }
    long total = customers.count().block();
    assertThat(seen).hasSize((int) total).doesNotHaveDuplicates().isSorted();
    assertThat(pages).isEqualTo((int) ((total + 6) / 7));
    assertThat(seen).containsAll(SeedData.customers().stream().map(c -> c.id()).toList());
  }

  @Test
  void customersRejectsBadArguments() {
    assertError(
        dgs.execute("{ customers(first: 101) { edges { cursor } } }"),
        "BAD_USER_INPUT",
        List.of("customers"));
    assertError(
        dgs.execute("{ customers(first: -1) { edges { cursor } } }"),
        "BAD_USER_INPUT",
        List.of("customers"));
    assertError(
        dgs.execute("{ customers(after: \"garbage!\") { edges { cursor } } }"),
        "BAD_USER_INPUT",
        List.of("customers"));
  }

  // ---------------------------------------------------------------- loyalty

  @Test
  void loyaltyPointsAreTheSumOfTheSeededLedger() {
    Map<String, Integer> expected =
        SeedData.loyaltyEntries().stream()
            .collect(
                Collectors.groupingBy(
                    SeedData.LoyaltyEntry::customerId,
                    Collectors.summingInt(SeedData.LoyaltyEntry::points)));
    List<Map<String, Object>> reps =
        SeedData.customers().stream()
            .map(c -> Map.<String, Object>of("__typename", "Customer", "id", c.id()))
            .toList();
    List<Map<String, Object>> entities =
        dgs.executeAndExtractJsonPath(
            String.format(ENTITIES, "loyalty { points }"), "data._entities", Map.of("reps", reps));
    assertThat(entities).hasSize(20);
    for (Map<String, Object> e : entities) {
      String id = (String) e.get("id");
      assertThat(((Map<String, Object>) e.get("loyalty")).get("points"))
          .as(id)
          .isEqualTo(expected.getOrDefault(id, 0));
    }
    assertThat(expected.values().stream().mapToInt(Integer::intValue).sum()).isPositive();
  }

  @Test
  void ledgerIsNewestFirstWithCursors() {
    String customerId =
        SeedData.loyaltyEntries().stream()
            .collect(Collectors.groupingBy(SeedData.LoyaltyEntry::customerId))
            .entrySet()
            .stream()
            .filter(e -> e.getValue().size() >= 2)
            .map(Map.Entry::getKey)
            .sorted()
            .findFirst()
            .orElseThrow();
    List<SeedData.LoyaltyEntry> seeded =
        SeedData.loyaltyEntries().stream()
            .filter(e -> e.customerId().equals(customerId))
            .sorted((a, b) -> b.at().compareTo(a.at()))
            .toList();
    String q =
        "query($id: ID!, $after: String) { customer(id: $id) { loyalty { ledger(first: 1, after:"
            + " $after) { edges { cursor node { id points reason createdAt } } pageInfo {"
            + " hasNextPage endCursor } } } } }";
    List<String> reasons = new ArrayList<>();
    String after = null;
    for (int i = 0; i < seeded.size(); i++) {
      Map<String, Object> vars = new HashMap<>();
      vars.put("id", customerId);
      vars.put("after", after);
      Map<String, Object> ledger =
          dgs.executeAndExtractJsonPath(q, "data.customer.loyalty.ledger", vars);
      List<Map<String, Object>> edges = (List<Map<String, Object>>) ledger.get("edges");
      assertThat(edges).hasSize(1);
      reasons.add((String) ((Map<String, Object>) edges.get(0).get("node")).get("reason"));
      Map<String, Object> pageInfo = (Map<String, Object>) ledger.get("pageInfo");
      assertThat(pageInfo.get("hasNextPage")).isEqualTo(i < seeded.size() - 1);
      after = (String) pageInfo.get("endCursor");
    }
    assertThat(reasons).containsExactlyElementsOf(seeded.stream().map(e -> e.reason()).toList());
    assertError(
        dgs.execute(
            "{ customer(id: \"cust-001\") { loyalty { ledger(after: \"bm9wZQ\") { edges { cursor"
                + " } } } } }"),
        "BAD_USER_INPUT",
        List.of("customer", "loyalty", "ledger"));
  }

  @Test
  void creditAndRevokeThroughGraphQl() {
    String id = register("points-" + System.nanoTime() + "@example.com", "Points Person");
    String credit =
        "mutation($id: ID!, $n: Int!, $r: String!) { creditPoints(customerId: $id, amount: $n,"
            + " reason: $r) { id points reason } }";
    String revoke = credit.replace("creditPoints", "revokePoints");
    Map<String, Object> first =
        dgs.executeAndExtractJsonPath(
            credit, "data.creditPoints", Map.of("id", id, "n", 100, "r", "for purchase 4567"));
    Map<String, Object> again =
        dgs.executeAndExtractJsonPath(
            credit, "data.creditPoints", Map.of("id", id, "n", 100, "r", "for purchase 4567"));
    assertThat(again).isEqualTo(first).containsEntry("points", 100);

    assertError(
        dgs.execute(credit, Map.of("id", id, "n", 0, "r", "zero")),
        "BAD_USER_INPUT",
        List.of("creditPoints"));
    assertError(
        dgs.execute(credit, Map.of("id", id, "n", 5, "r", "  ")),
        "BAD_USER_INPUT",
        List.of("creditPoints"));
    assertError(
        dgs.execute(credit, Map.of("id", id, "n", 5, "r", "r".repeat(501))),
        "BAD_USER_INPUT",
        List.of("creditPoints"));
    assertError(
        dgs.execute(credit, Map.of("id", id, "n", 1_000_001, "r", "huge")),
        "BAD_USER_INPUT",
        List.of("creditPoints"));
    assertError(
        dgs.execute(credit, Map.of("id", "cust-missing", "n", 5, "r", "x")),
        "NOT_FOUND",
        List.of("creditPoints"));
    assertError(
        dgs.execute(credit, Map.of("id", id, "n", 50, "r", "for purchase 4567")),
        "IDEMPOTENCY_KEY_REUSED",
        List.of("creditPoints"));
    assertError(
        dgs.execute(revoke, Map.of("id", id, "n", 101, "r", "too much")),
        "INSUFFICIENT_POINTS",
        List.of("revokePoints"));
    assertError(
        dgs.execute(revoke, Map.of("id", id, "n", -3, "r", "negative")),
        "BAD_USER_INPUT",
        List.of("revokePoints"));
    Map<String, Object> revoked =
        dgs.executeAndExtractJsonPath(
            revoke, "data.revokePoints", Map.of("id", id, "n", 60, "r", "refund 4567"));
    assertThat(revoked).containsEntry("points", -60);

    Map<String, Object> loyalty =
        dgs.executeAndExtractJsonPath(
            "query($id: ID!) { customer(id: $id) { loyalty { points ledger { edges { node {"
                + " points reason } } } } } }",
            "data.customer.loyalty",
            Map.of("id", id));
    assertThat(loyalty.get("points")).isEqualTo(40);
    List<Map<String, Object>> edges =
        (List<Map<String, Object>>) ((Map<String, Object>) loyalty.get("ledger")).get("edges");
    assertThat(edges)
        .extracting(e -> ((Map<String, Object>) e.get("node")).get("reason"))
        .containsExactly("refund 4567", "for purchase 4567");
  }

  // ---------------------------------------------------------------- registration

  @Test
  void registerCustomerNormalizesAndDefaults() {
    String email = "New.Person" + System.nanoTime() + "@Example.COM";
    Map<String, Object> c =
        dgs.executeAndExtractJsonPath(
            "mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { id email name"
                + " tier createdAt loyalty { points } } }",
            "data.registerCustomer",
            Map.of("i", Map.of("email", "  " + email + " ", "name", "  New Person ")));
    assertThat((String) c.get("id")).startsWith("cust-");
    assertThat(c)
        .containsEntry("email", email.toLowerCase())
        .containsEntry("name", "New Person")
        .containsEntry("tier", "BRONZE")
        .containsEntry("loyalty", Map.of("points", 0));
    assertThat(OffsetDateTime.parse((String) c.get("createdAt")))
        .isAfter(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
  }

  @Test
  void registerCustomerRejectsBadInput() {
    long before = customers.count().block();
    for (String bad :
        List.of(
            "",
            "   ",
            "plain",
            "a@b",
            "a@@b.com",
            "a b@c.com",
            ".a@b.com",
            "a..b@c.com",
            "a@-b.com",
            "a@b.c",
            "x".repeat(250) + "@b.com")) {
      ExecutionResult r = registerResult(bad, "Someone");
      assertError(r, "BAD_USER_INPUT", List.of("registerCustomer"));
      assertThat(r.getErrors().get(0).getMessage()).as(bad).containsIgnoringCase("email");
    }
    for (String bad : List.of("", "   ", "n".repeat(201))) {
      ExecutionResult r = registerResult("ok" + System.nanoTime() + "@example.com", bad);
      assertError(r, "BAD_USER_INPUT", List.of("registerCustomer"));
      assertThat(r.getErrors().get(0).getMessage()).containsIgnoringCase("name");
    }
    assertThat(
            registerResult("ok" + System.nanoTime() + "@example.com", "n".repeat(200)).getErrors())
        .isEmpty();
    assertThat(customers.count().block()).isEqualTo(before + 1);
  }

  @Test
  void duplicateEmailIsConflictAndWritesNothing() {
    long before = customers.count().block();
    String existing = SeedData.customers().get(2).email();
    ExecutionResult r = registerResult(" " + existing.toUpperCase(), "Copy Cat");
    assertError(r, "CONFLICT", List.of("registerCustomer"));
    assertThat(r.getErrors().get(0).getMessage()).contains(existing);
    assertThat(customers.count().block()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- federation

  @Test
  void hundredCustomerRepresentationsRunOneSelect() {
    List<String> ids = ensureHundredCustomers();
    List<Map<String, Object>> reps =
        ids.stream().map(id -> Map.<String, Object>of("__typename", "Customer", "id", id)).toList();

    counter.reset();
    List<Map<String, Object>> entities =
        dgs.executeAndExtractJsonPath(
            String.format(ENTITIES, ""), "data._entities", Map.of("reps", reps));
    assertThat(entities).hasSize(100);
    assertThat(entities).extracting(e -> e.get("id")).containsExactlyElementsOf(ids);
    assertThat(counter.selects()).hasSize(1);
    assertThat(counter.statements()).hasSize(1);

    counter.reset();
    List<Map<String, Object>> withLoyalty =
        dgs.executeAndExtractJsonPath(
            String.format(
                ENTITIES, "loyalty { points ledger(first: 2) { edges { node { points } } } }"),
            "data._entities",
            Map.of("reps", reps));
    assertThat(withLoyalty).hasSize(100);
    // customers, balances, ledger pages: one SELECT each for all 100 customers
    assertThat(counter.selects()).hasSize(3);
  }

  @Test
  void customerPageWithLoyaltyBatchesTheBalances() {
    counter.reset();
    List<Map<String, Object>> edges =
        dgs.executeAndExtractJsonPath(
            "{ customers(first: 20) { edges { node { id loyalty { points } } } } }",
            "data.customers.edges");
    assertThat(edges).hasSize(20);
    // the page, then one SELECT for the 20 balances
    assertThat(counter.selects()).hasSize(2);
  }

  @Test
  void unknownRepresentationIsNullWithNotFound() {
    ExecutionResult r =
        dgs.execute(
            String.format(ENTITIES, ""),
            Map.of(
                "reps",
                List.of(
                    Map.of("__typename", "Customer", "id", "cust-001"),
                    Map.of("__typename", "Customer", "id", "cust-ghost"))));
    List<Map<String, Object>> entities =
        (List<Map<String, Object>>) ((Map<String, Object>) r.getData()).get("_entities");
    assertThat(entities.get(0)).containsEntry("id", "cust-001");
    assertThat(entities.get(1)).isNull();
    assertError(r, "NOT_FOUND", List.of("_entities", 1));
  }

  @Test
  void servedSdlMatchesCommittedFile() {
    String sdl = dgs.executeAndExtractJsonPath("{ _service { sdl } }", "data._service.sdl");
    assertThat(sdl).contains("type Customer @key(fields : \"id\"").contains("@inaccessible");
    SdlSnapshot.assertMatches(sdl, Path.of("subgraph.graphql"));
  }

  // ---------------------------------------------------------------- HTTP

  @Test
  void graphQlOverHttp() {
    http.post()
        .uri("/graphql")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("query", "{ customer(id: \"cust-002\") { id name tier } }"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.data.customer.id")
        .isEqualTo("cust-002")
        .jsonPath("$.data.customer.name")
        .isEqualTo(SeedData.customers().get(1).name());

    http.post()
        .uri("/graphql")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            Map.of(
                "query",
                "mutation { registerCustomer(input: {email: \"broken\", name: \"X\"}) { id } }"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.errors[0].extensions.code")
        .isEqualTo("BAD_USER_INPUT")
        .jsonPath("$.errors[0].path[0]")
        .isEqualTo("registerCustomer")
        .jsonPath("$.errors[0].extensions.errorType")
        .doesNotExist()
        .jsonPath("$.errors[0].message")
        .value(m -> assertThat((String) m).doesNotContain("Exception").doesNotContain("\tat "));
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

  // ---------------------------------------------------------------- helpers

  private List<String> ensureHundredCustomers() {
    List<Customer> bulk =
        IntStream.rangeClosed(1, 80)
            .mapToObj(
                i ->
                    new Customer(
                        String.format("cust-bulk-%03d", i),
                        "bulk" + i + "@example.com",
                        "Bulk " + i,
                        CustomerTier.SILVER,
                        OffsetDateTime.now(ZoneOffset.UTC)))
            .toList();
    Set<String> present =
        new HashSet<>(
            customers
                .findByIds(bulk.stream().map(Customer::id).toList())
                .map(Customer::id)
                .collectList()
                .block());
    Flux.fromIterable(bulk)
        .filter(c -> !present.contains(c.id()))
        .concatMap(customers::insert)
        .blockLast();
    List<String> ids = new ArrayList<>();
    SeedData.customers().forEach(c -> ids.add(c.id()));
    bulk.forEach(c -> ids.add(c.id()));
    return ids;
  }

  private String register(String email, String name) {
    return dgs.executeAndExtractJsonPath(
        "mutation($e: String!, $n: String!) { registerCustomer(input: {email: $e, name: $n}) {"
            + " id } }",
        "data.registerCustomer.id",
        Map.of("e", email, "n", name));
  }

  private ExecutionResult registerResult(String email, String name) {
    return dgs.execute(
        "mutation($e: String!, $n: String!) { registerCustomer(input: {email: $e, name: $n}) {"
            + " id } }",
        Map.of("e", email, "n", name));
  }

  static void assertError(ExecutionResult r, String code, List<Object> path) {
    assertThat(r.getErrors()).as("errors of %s", r).hasSize(1);
    GraphQLError error = r.getErrors().get(0);
    assertThat(error.getExtensions()).containsEntry("code", code);
    assertThat(error.getPath()).isEqualTo(path);
    assertThat(error.getMessage()).doesNotContain("Exception");
  }
}
