package dev.junction.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import dev.junction.orders.order.Order;
import dev.junction.orders.order.OrderKeyset;
import dev.junction.orders.order.OrderLine;
import dev.junction.orders.order.OrderRepository;
import dev.junction.orders.order.OrderStatus;
import dev.junction.orders.seed.OrderSeeder;
import dev.junction.subgraph.common.seed.SeedData;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.test.StepVerifier;

/**
 * Persistence and batching behaviour that must hold on every supported database; one subclass per
 * database (H2, real PostgreSQL).
 */
abstract class OrdersDatabaseContract extends OrdersIntegrationTest {
  @Autowired OrderRepository repository;
  @Autowired TransactionalOperator tx;

  private static final List<String> SEED_IDS =
      SeedData.orders().stream().map(SeedData.Order::id).toList();

  @Test
  void seedsTheThirtyDemoOrdersWithTotalsAndLines() {
    StepVerifier.create(repository.count()).expectNext(30L).verifyComplete();
    StepVerifier.create(repository.findByIds(SEED_IDS).collectList())
        .assertNext(
            found -> {
              assertThat(found).hasSize(30);
              Map<String, Order> byId = new HashMap<>();
              found.forEach(o -> byId.put(o.id(), o));
              for (SeedData.Order seed : SeedData.orders()) {
                Order o = byId.get(seed.id());
                assertThat(o.customerId()).isEqualTo(seed.customerId());
                assertThat(o.status().name()).isEqualTo(seed.status());
                assertThat(o.placedAt().toInstant()).isEqualTo(seed.placedAt());
                assertThat(o.totalCents()).isEqualTo(seed.totalCents());
                assertThat(o.currency()).isEqualTo("EUR");
              }
            })
        .verifyComplete();
    int seedLines = SeedData.orders().stream().mapToInt(o -> o.lines().size()).sum();
    StepVerifier.create(repository.findLinesByOrderIds(SEED_IDS).collectList())
        .assertNext(
            lines -> {
              assertThat(lines).hasSize(seedLines);
              SeedData.Order first = SeedData.orders().get(0);
              List<OrderLine> ofFirst =
                  lines.stream().filter(l -> l.orderId().equals(first.id())).toList();
              assertThat(ofFirst)
                  .extracting(OrderLine::productName)
                  .containsExactlyElementsOf(
                      first.lines().stream().map(SeedData.OrderLine::productName).toList());
              assertThat(ofFirst)
                  .extracting(OrderLine::lineNo)
                  .containsExactlyElementsOf(
                      IntStream.rangeClosed(1, first.lines().size()).boxed().toList());
            })
        .verifyComplete();
  }

  @Test
  void seedingAgainInsertsNothing() {
    OrderSeeder again = new OrderSeeder(repository, tx, true);
    StepVerifier.create(again.seeded()).expectNext(0).verifyComplete();
    StepVerifier.create(repository.count()).expectNext(30L).verifyComplete();
  }

  @Test
  void keysetPagesWalkACustomersOrdersNewestFirst() {
    String customer = "cust-004";
    List<String> expected = expectedNewestFirst(customer);
    assertThat(expected).hasSizeGreaterThan(1);
    List<String> walked = new ArrayList<>();
    OrderKeyset after = null;
    for (int i = 0; i < 10; i++) {
      List<Order> page =
          repository.findNewestByCustomers(List.of(customer), after, 1).collectList().block();
      if (page.isEmpty()) {
        break;
      }
      assertThat(page).hasSize(1);
      walked.add(page.get(0).id());
      after = OrderKeyset.of(page.get(0));
    }
    assertThat(walked).containsExactlyElementsOf(expected);
  }

  @Test
  void aLineWithoutPositiveQuantityIsRejectedAndNothingIsStored() {
    Order order =
        new Order(
            "ord-bad-qty",
            "cust-001",
            OrderStatus.PENDING,
            OffsetDateTime.of(2026, 3, 1, 10, 0, 0, 0, ZoneOffset.UTC),
            0,
            "EUR");
    OrderLine line =
        new OrderLine("ord-bad-qty", 1, "prod-001", "Trail Running Shoe", 0, 999, "EUR");
    StepVerifier.create(repository.insert(order, List.of(line))).expectError().verify();
    StepVerifier.create(repository.findByIds(List.of("ord-bad-qty"))).verifyComplete();
  }

  @Test
  void hundredOrderRepresentationsCostOneSelectForOrdersAndOneForLines() {
    List<Map<String, Object>> representations = new ArrayList<>();
    for (int k = 1; k <= 100; k++) {
      representations.add(Map.of("__typename", "Order", "id", SeedData.orderId(k)));
    }
    DocumentContext json =
        execute(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Order {"
                + " id status total { amount currency } lines { quantity product { id name } } } } }",
            Map.of("r", representations));

    List<Map<String, Object>> entities = json.read("$.data._entities");
    assertThat(entities).hasSize(100);
    for (int k = 1; k <= 30; k++) {
      SeedData.Order seed = SeedData.orders().get(k - 1);
      Map<String, Object> entity = entities.get(k - 1);
      assertThat(entity).containsEntry("id", seed.id()).containsEntry("status", seed.status());
      assertThat(json.<String>read("$.data._entities[" + (k - 1) + "].total.amount"))
          .isEqualTo(String.format("%d.%02d", seed.totalCents() / 100, seed.totalCents() % 100));
      assertThat(json.<List<Object>>read("$.data._entities[" + (k - 1) + "].lines"))
          .hasSize(seed.lines().size());
    }
    assertThat(entities.subList(30, 100)).containsOnlyNulls();
    List<Map<String, Object>> errors = json.read("$.errors");
    assertThat(errors).hasSize(70);
    assertThat(json.<List<String>>read("$.errors[*].extensions.code")).containsOnly("NOT_FOUND");
    assertThat(json.<List<Object>>read("$.errors[0].path")).containsExactly("_entities", 30);

    List<String> selects = statements.selects();
    assertThat(selects).hasSize(2);
    assertThat(selects.get(0)).containsIgnoringCase("FROM orders WHERE id IN");
    assertThat(selects.get(1)).containsIgnoringCase("FROM order_line");
  }

  @Test
  void ordersOfTwentyCustomersCostOneSelectForOrdersAndOneForLines() {
    List<Map<String, Object>> representations = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      representations.add(Map.of("__typename", "Customer", "id", SeedData.customerId(i)));
    }
    DocumentContext json =
        execute(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id"
                + " orders(first: 5) { edges { node { id lines { quantity } } }"
                + " pageInfo { hasNextPage } } } } }",
            Map.of("r", representations));

    assertNoErrors(json);
    for (int i = 1; i <= 20; i++) {
      String customer = SeedData.customerId(i);
      assertThat(
              json.<List<String>>read("$.data._entities[" + (i - 1) + "].orders.edges[*].node.id"))
          .containsExactlyElementsOf(expectedNewestFirst(customer));
    }
    List<String> selects = statements.selects();
    assertThat(selects).hasSize(2);
    assertThat(selects.get(0)).containsIgnoringCase("ROW_NUMBER()");
    assertThat(selects.get(1)).containsIgnoringCase("FROM order_line");
  }

  static List<String> expectedNewestFirst(String customerId) {
    return SeedData.orders().stream()
        .filter(o -> o.customerId().equals(customerId))
        .sorted(
            Comparator.comparing(SeedData.Order::placedAt)
                .thenComparing(SeedData.Order::id)
                .reversed())
        .map(SeedData.Order::id)
        .toList();
  }
}
