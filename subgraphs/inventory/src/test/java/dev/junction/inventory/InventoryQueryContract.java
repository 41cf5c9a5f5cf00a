package dev.junction.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.junction.subgraph.common.seed.SeedData;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inventory's GraphQL API through the DGS query executor, on H2 and on PostgreSQL. */
abstract class InventoryQueryContract extends InventoryIntegrationTest {
  static final String STOCK_SELECTION =
      "... on Product { id inStock stock { available reserved"
          + " byWarehouse { warehouse { id name city } available reserved } } }";

  @Test
  void hundredProductRepresentationsCostOneSelect() {
    List<Map<String, Object>> representations = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      representations.add(Map.of("__typename", "Product", "id", SeedData.productId(i)));
    }
    statements.reset();
    ExecutionResult result = entities(representations, STOCK_SELECTION);
    assertThat(result.getErrors()).isEmpty();
    assertThat(statements.selects()).hasSize(1);
    List<Map<String, Object>> entities = list(data(result).get("_entities"));
    assertThat(entities).hasSize(100);

    // Seeded products carry their seed stock (tests never touch seeded products' stock).
    Map<String, Object> first = entities.get(0);
    List<SeedData.Stock> seed =
        SeedData.stock().stream().filter(s -> s.productId().equals("prod-001")).toList();
    Map<String, Object> stock = map(first.get("stock"));
    assertThat(stock.get("available"))
        .isEqualTo(seed.stream().mapToInt(SeedData.Stock::onHand).sum());
    assertThat(stock.get("reserved")).isEqualTo(0);
    assertThat(list(stock.get("byWarehouse")))
        .extracting(w -> map(w.get("warehouse")).get("city"), w -> w.get("available"))
        .containsExactly(
            tuple("Amsterdam", seed.get(0).onHand()),
            tuple("Berlin", seed.get(1).onHand()),
            tuple("Lyon", seed.get(2).onHand()));
    assertThat(first.get("inStock")).isEqualTo(true);

    // prod-007 is sold out everywhere; prod-051.. are unknown to inventory: stock 0, no error.
    assertThat(entities.get(6)).containsEntry("inStock", false);
    assertThat(map(entities.get(6).get("stock"))).containsEntry("available", 0);
    for (Map<String, Object> unknown : entities.subList(50, 100)) {
      assertThat(unknown).containsEntry("inStock", false);
      assertThat(map(unknown.get("stock")))
          .containsEntry("available", 0)
          .containsEntry("reserved", 0)
          .containsEntry("byWarehouse", List.of());
    }
  }

  @Test
  void stockReflectsReservations() {
    String p = stockedProduct(2, 3);
    ExecutionResult reserve =
        graphql.execute(
            "mutation($o: ID!, $p: ID!) { reserveStock(orderId: $o, lines: [{productId: $p,"
                + " quantity: 4}]) { orderId status lines { productId warehouseId quantity } } }",
            Map.of("o", "ord-q-" + p, "p", p));
    assertThat(reserve.getErrors()).isEmpty();
    Map<String, Object> reservation = map(data(reserve).get("reserveStock"));
    assertThat(reservation).containsEntry("status", "RESERVED");
    assertThat(list(reservation.get("lines")))
        .extracting(l -> l.get("warehouseId"), l -> l.get("quantity"))
        .containsExactly(tuple("wh-ams", 1), tuple("wh-ber", 3));

    Map<String, Object> product =
        list(data(entities(List.of(Map.of("__typename", "Product", "id", p)), STOCK_SELECTION))
                .get("_entities"))
            .get(0);
    assertThat(map(product.get("stock")))
        .containsEntry("available", 1)
        .containsEntry("reserved", 4);
    assertThat(product).containsEntry("inStock", true);

    ExecutionResult release =
        graphql.execute(
            "mutation($o: ID!) { releaseStock(orderId: $o) { status } }",
            Map.of("o", "ord-q-" + p));
    assertThat(release.getErrors()).isEmpty();
    assertThat(map(data(release).get("releaseStock"))).containsEntry("status", "RELEASED");
    assertThat(reservedOf(p)).isZero();
  }

  @Test
  void warehousesAndWarehouseEntities() {
    ExecutionResult all = graphql.execute("{ warehouses { id name city } }");
    assertThat(all.getErrors()).isEmpty();
    assertThat(list(data(all).get("warehouses")))
        .containsExactly(
            Map.of("id", "wh-ams", "name", "Amsterdam Central", "city", "Amsterdam"),
            Map.of("id", "wh-ber", "name", "Berlin Süd", "city", "Berlin"),
            Map.of("id", "wh-lyo", "name", "Lyon Est", "city", "Lyon"));

    ExecutionResult one = graphql.execute("{ warehouse(id: \"wh-lyo\") { name } }");
    assertThat(map(data(one).get("warehouse"))).containsEntry("name", "Lyon Est");

    ExecutionResult missing = graphql.execute("{ warehouse(id: \"wh-xxx\") { name } }");
    assertThat(data(missing).get("warehouse")).isNull();
    assertError(missing, "NOT_FOUND", List.of("warehouse"));

    statements.reset();
    ExecutionResult entities =
        entities(
            List.of(
                Map.of("__typename", "Warehouse", "id", "wh-ber"),
                Map.of("__typename", "Warehouse", "id", "wh-ams"),
                Map.of("__typename", "Warehouse", "id", "wh-none")),
            "... on Warehouse { id city }");
    assertThat(statements.selects()).hasSize(1);
    List<Map<String, Object>> resolved = list(data(entities).get("_entities"));
    assertThat(resolved.get(0)).containsEntry("city", "Berlin");
    assertThat(resolved.get(1)).containsEntry("city", "Amsterdam");
    assertThat(resolved.get(2)).isNull();
    assertError(entities, "NOT_FOUND", List.of("_entities", 2));
  }

  @Test
  void reserveStockRejectsBadInput() {
    assertError(
        graphql.execute("mutation { reserveStock(orderId: \"o-1\", lines: []) { status } }"),
        "BAD_USER_INPUT",
        List.of("reserveStock"));
    ExecutionResult zero =
        graphql.execute(
            "mutation { reserveStock(orderId: \"o-1\", lines: [{productId: \"prod-001\","
                + " quantity: 0}]) { status } }");
    assertError(zero, "BAD_USER_INPUT", List.of("reserveStock"));
    assertThat(zero.getErrors().get(0).getMessage()).contains("quantity");
    assertError(
        graphql.execute(
            "mutation { reserveStock(orderId: \"o-1\", lines: [{productId: \"prod-001\","
                + " quantity: -3}]) { status } }"),
        "BAD_USER_INPUT",
        List.of("reserveStock"));
    assertThat(reservationRows("o-1")).isZero();
  }

  @Test
  void reserveStockReportsInsufficientStock() {
    String order = newOrderId();
    ExecutionResult result =
        graphql.execute(
            "mutation($o: ID!) { reserveStock(orderId: $o, lines: [{productId: \"prod-001\","
                + " quantity: 1}, {productId: \"prod-007\", quantity: 1}]) { status } }",
            Map.of("o", order));
    assertError(result, "INSUFFICIENT_STOCK", List.of("reserveStock"));
    assertThat(result.getErrors().get(0).getMessage()).contains("prod-007");
    assertThat(reservationRows(order)).isZero();
    assertThat(reservedOf("prod-001")).isZero();
  }

  @Test
  void releaseStockOfUnknownOrderIsNotFound() {
    assertError(
        graphql.execute("mutation { releaseStock(orderId: \"ord-nope\") { status } }"),
        "NOT_FOUND",
        List.of("releaseStock"));
  }

  private ExecutionResult entities(List<Map<String, Object>> representations, String selection) {
    return graphql.execute(
        "query($r: [_Any!]!) { _entities(representations: $r) { " + selection + " } }",
        Map.of("r", representations));
  }

  static void assertError(ExecutionResult result, String code, List<Object> path) {
    assertThat(result.getErrors()).hasSize(1);
    GraphQLError error = result.getErrors().get(0);
    assertThat(error.getExtensions()).containsEntry("code", code);
    assertThat(error.getPath()).isEqualTo(path);
    assertThat(error.getMessage()).doesNotContain("Exception");
  }

  static Map<String, Object> data(ExecutionResult result) {
    Map<String, Object> data = result.getData();
    return data == null ? new HashMap<>() : data;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object value) {
    return (List<Map<String, Object>>) value;
  }
}
