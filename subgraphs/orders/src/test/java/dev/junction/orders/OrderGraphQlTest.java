package dev.junction.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import dev.junction.subgraph.common.seed.SeedData;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The orders schema through DGS: fields, pagination, errors. */
class OrderGraphQlTest extends OrdersIntegrationTest {
  private static final String ORDER =
      "query($id: ID!) { order(id: $id) { id status placedAt customer { id }"
          + " total { amount currency }"
          + " lines { quantity product { id name } unitPrice { amount currency }"
          + " total { amount currency } } } }";

  private static final String CUSTOMER_ORDERS =
      "query($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) {"
          + " ... on Customer { id orders(first: $first, after: $after) {"
          + " edges { cursor node { id placedAt } } pageInfo { hasNextPage endCursor } } } } }";

  @Test
  void orderHasItsSnapshotLinesAndTotals() {
    SeedData.Order seed = SeedData.orders().get(4); // ord-0005, three lines
    DocumentContext json = execute(ORDER, Map.of("id", seed.id()));

    assertNoErrors(json);
    assertThat(json.<String>read("$.data.order.id")).isEqualTo("ord-0005");
    assertThat(json.<String>read("$.data.order.status")).isEqualTo(seed.status());
    assertThat(OffsetDateTime.parse(json.read("$.data.order.placedAt")).toInstant())
        .isEqualTo(seed.placedAt());
    assertThat(json.<String>read("$.data.order.customer.id")).isEqualTo(seed.customerId());
    assertThat(json.<String>read("$.data.order.total.amount")).isEqualTo(euros(seed.totalCents()));
    assertThat(json.<String>read("$.data.order.total.currency")).isEqualTo("EUR");
    List<Map<String, Object>> lines = json.read("$.data.order.lines");
    assertThat(lines).hasSize(seed.lines().size());
    for (int i = 0; i < lines.size(); i++) {
      SeedData.OrderLine l = seed.lines().get(i);
      String at = "$.data.order.lines[" + i + "]";
      assertThat(json.<Integer>read(at + ".quantity")).isEqualTo(l.quantity());
      assertThat(json.<String>read(at + ".product.id")).isEqualTo(l.productId());
      assertThat(json.<String>read(at + ".product.name")).isEqualTo(l.productName());
      assertThat(json.<String>read(at + ".unitPrice.amount")).isEqualTo(euros(l.unitPriceCents()));
      assertThat(json.<String>read(at + ".total.amount"))
          .isEqualTo(euros(l.unitPriceCents() * l.quantity()));
    }
    // the name comes from the snapshot: two SELECTs (order, lines) and no other source
    assertThat(statements.selects()).hasSize(2);
  }

  @Test
  void unknownOrderIsNullWithNotFound() {
    DocumentContext json = execute(ORDER, Map.of("id", "ord-9999"));
    assertThat(json.<Object>read("$.data.order")).isNull();
    assertThat(json.<String>read("$.errors[0].extensions.code")).isEqualTo("NOT_FOUND");
    assertThat(json.<List<Object>>read("$.errors[0].path")).containsExactly("order");
    assertThat(json.<String>read("$.errors[0].message")).contains("ord-9999");
  }

  @Test
  void cursorsWalkAllOrdersOfACustomerNewestFirst() {
    String customer = "cust-010"; // orders 3 and 23
    List<String> expected = OrdersDatabaseContract.expectedNewestFirst(customer);
    List<String> walked = new ArrayList<>();
    String after = null;
    boolean hasNext = true;
    for (int i = 0; i < 10 && hasNext; i++) {
      Map<String, Object> vars = new HashMap<>();
      vars.put("r", List.of(Map.of("__typename", "Customer", "id", customer)));
      vars.put("first", 1);
      vars.put("after", after);
      DocumentContext json = execute(CUSTOMER_ORDERS, vars);
      assertNoErrors(json);
      List<String> ids = json.read("$.data._entities[0].orders.edges[*].node.id");
      walked.addAll(ids);
      hasNext = json.read("$.data._entities[0].orders.pageInfo.hasNextPage");
      after = json.read("$.data._entities[0].orders.pageInfo.endCursor");
      assertThat(after).isEqualTo(json.read("$.data._entities[0].orders.edges[-1].cursor"));
    }
    assertThat(hasNext).isFalse();
    assertThat(walked).hasSize(2).containsExactlyElementsOf(expected);
  }

  @Test
  void aCustomerWithoutOrdersHasAnEmptyConnection() {
    DocumentContext json =
        execute(
            CUSTOMER_ORDERS,
            Map.of("r", List.of(Map.of("__typename", "Customer", "id", "cust-999"))));
    assertNoErrors(json);
    assertThat(json.<String>read("$.data._entities[0].id")).isEqualTo("cust-999");
    assertThat(json.<List<Object>>read("$.data._entities[0].orders.edges")).isEmpty();
    assertThat(json.<Boolean>read("$.data._entities[0].orders.pageInfo.hasNextPage")).isFalse();
    assertThat(json.<Object>read("$.data._entities[0].orders.pageInfo.endCursor")).isNull();
  }

  @Test
  void malformedCursorIsBadUserInput() {
    for (String bad :
        List.of("not-a-cursor!", "Y3Vyc29yOnYxOmdhcmJhZ2U")) { // the second: "cursor:v1:garbage"
      DocumentContext json =
          execute(
              CUSTOMER_ORDERS,
              Map.of(
                  "r", List.of(Map.of("__typename", "Customer", "id", "cust-004")), "after", bad));
      assertThat(json.<String>read("$.errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
      assertThat(json.<List<Object>>read("$.errors[0].path"))
          .containsExactly("_entities", 0, "orders");
      assertThat(json.<Object>read("$.data._entities[0]")).isNull();
    }
  }

  @Test
  void pageSizeOutOfRangeIsBadUserInput() {
    for (int first : new int[] {-1, 101}) {
      DocumentContext json =
          execute(
              CUSTOMER_ORDERS,
              Map.of(
                  "r",
                  List.of(Map.of("__typename", "Customer", "id", "cust-004")),
                  "first",
                  first));
      assertThat(json.<String>read("$.errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
      assertThat(json.<List<Object>>read("$.errors[0].path"))
          .containsExactly("_entities", 0, "orders");
    }
  }

  @Test
  void representationWithoutIdIsBadUserInput() {
    DocumentContext json =
        execute(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id } } }",
            Map.of(
                "r",
                List.of(
                    Map.of("__typename", "Order"),
                    Map.of("__typename", "Order", "id", "ord-0001"))));
    assertThat(json.<Object>read("$.data._entities[0]")).isNull();
    assertThat(json.<String>read("$.data._entities[1].id")).isEqualTo("ord-0001");
    assertThat(json.<String>read("$.errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
    assertThat(json.<List<Object>>read("$.errors[0].path")).containsExactly("_entities", 0);
  }

  static String euros(long cents) {
    return String.format("%d.%02d", cents / 100, cents % 100);
  }
}
