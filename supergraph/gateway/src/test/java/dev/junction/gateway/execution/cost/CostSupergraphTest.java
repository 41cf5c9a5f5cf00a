package dev.junction.gateway.execution.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.execution.cost.OperationCostTest.Costing;
import dev.junction.planner.supergraph.Supergraph;
import graphql.schema.GraphQLSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cost directives as supergraphs spell them (imported, namespaced, renamed), that they stay out
 * of the API schema, and the costs of this repository's own operations against the real supergraph
 * (no directives: default weights) with the default configuration.
 */
class CostSupergraphTest {
  private static final String SDL = OperationCostTest.SDL;
  private static final String[] QUERIES = {
    "{ connection(first: 5) { edges { node { title } } } }",
    "{ booksAssumed { heavy { id } } }",
    "{ filtered(filter: {max: 2, costly: 1}) { id } weighted tier expensive }",
  };
  private static final long[] COSTS = {1 + 5 * 2, 5 * 41, 2 + 21 + 5 + 15 + 30};

  private static void assertCosts(String sdl) throws Exception {
    Costing c = new Costing(sdl, 10);
    for (int i = 0; i < QUERIES.length; i++) {
      assertThat(c.cost(QUERIES[i])).as(QUERIES[i]).isEqualTo(COSTS[i]);
    }
  }

  @Test
  void importedDirectives() throws Exception {
    assertCosts(SDL);
  }

  @Test
  void namespacedListSizeWhenOnlyCostIsImported() throws Exception {
    String sdl =
        SDL.replace("import: [\"@cost\", \"@listSize\"]", "import: [\"@cost\"]")
            .replace("@listSize(", "@cost__listSize(");
    assertThat(sdl).doesNotContain("@listSize");
    assertCosts(sdl);
  }

  @Test
  void noImportsAndARenamedNamespace() throws Exception {
    String sdl =
        SDL.replace(
                "import: [\"@cost\", \"@listSize\"]",
                "as: \"price\", import: [{name: \"@listSize\", as: \"@size\"}]")
            .replace("@cost(", "@price(")
            .replace("@listSize(", "@size(");
    assertCosts(sdl);
  }

  @Test
  void withoutTheLinkTheDirectivesAreIgnored() throws Exception {
    String sdl =
        SDL.replace(
                "@link(url: \"https://specs.apollo.dev/cost/v0.1\", import: [\"@cost\", \"@listSize\"])",
                "")
            .replace("@cost(", "@price(")
            .replace("directive @price(", "directive @price(")
            .replace("@listSize(", "@size(");
    Costing c = new Costing(sdl, 10);
    assertThat(c.cost("{ weighted tier heavy { id } }")).isEqualTo(1);
  }

  @Test
  void theDirectivesStayOutOfTheApiSchema() {
    Supergraph sg = Supergraph.parse(SDL);
    GraphQLSchema api = sg.apiSchema().schema();
    assertThat(api.getDirective("cost")).isNull();
    assertThat(api.getDirective("listSize")).isNull();
    assertThat(sg.apiSchema().sdl()).doesNotContain("@cost").doesNotContain("listSize");
    assertThat(api.getObjectType("Query").getField("weighted").getAppliedDirectives()).isEmpty();
    // ...while the supergraph schema keeps them for the cost
    assertThat(sg.schema().getObjectType("Query").getField("weighted").getAppliedDirective("cost"))
        .isNotNull();
  }

  @Test
  void thisRepositorysOperationsPassTheDefaultMaximum() throws Exception {
    String sdl = OperationCostTest.read("../supergraph.graphql");
    Costing c = new Costing(sdl, DemandControlConfig.DEFAULT_LIST_SIZE);
    String readme =
        "{ customer(id: \"cust-004\") { name loyalty { points } orders(first: 5) { edges { node {"
            + " id status total { amount currency } lines { quantity product { name stock {"
            + " available } shippingEstimate(destination: \"DE\") { amount } } } payment { status }"
            + " shipment { carrier trackingNumber } } } } } }";
    // customer 1 + loyalty 1 + orders 1 + 10 edges x (1 + node 1 + total 1 + 10 lines x (1 +
    // product 1 + stock 1 + estimate 1) + payment 1 + shipment 1)
    assertThat(c.cost(readme)).isEqualTo(3 + 10 * (5 + 10 * 4));
    long heaviest = 0;
    for (String name :
        new String[] {
          "BrowseProducts",
          "CustomerWithOrders",
          "PlaceOrder",
          "ProductByBarcode",
          "RegisterCustomer"
        }) {
      String doc =
          OperationCostTest.read("../../client-sdk/operations/" + name + ".graphql") + "\n";
      if (doc.contains("...MoneyFields")) {
        doc += OperationCostTest.read("../../client-sdk/operations/Fragments.graphql");
      }
      long cost = c.costRaw(doc, Map.of("input", Map.of("lines", java.util.List.of(Map.of()))));
      heaviest = Math.max(heaviest, cost);
    }
    assertThat(heaviest).isBetween(400L, DemandControlConfig.DEFAULT_MAX_COST / 2);
  }

  @Test
  void theCostAttacksOfTheCorpusCostWhatTheyAreNamedFor() throws Exception {
    Costing c =
        new Costing(
            OperationCostTest.read("../supergraph.graphql"), DemandControlConfig.DEFAULT_LIST_SIZE);
    String stockPage = "edges { node { stock { byWarehouse { warehouse { id } } } } }";
    assertThat(
            c.cost(
                "{ customers { edges { node { orders { edges { node { lines { product { "
                    + "stock { byWarehouse { warehouse { id } } } } } } } } } } } }"))
        .isEqualTo(23_231);
    assertThat(c.cost("{ p0: products { " + stockPage + " } }")).isEqualTo(231);
    assertThat(
            c.cost(
                "{ products { ...P ...P ...P ...P ...P } } fragment P on ProductConnection { "
                    + stockPage
                    + " }"))
        .isEqualTo(1 + 5 * 230);
    StringBuilder doubling = new StringBuilder("{ products { ...F0 } }\n");
    for (int i = 0; i < 6; i++) {
      doubling.append("fragment F").append(i).append(" on ProductConnection { ...F");
      doubling.append(i + 1).append(" ...F").append(i + 1).append(" }\n");
    }
    doubling.append("fragment F6 on ProductConnection { edges { node { id } } }");
    assertThat(c.cost(doubling.toString())).isEqualTo(1 + 64 * 20);
  }

  @Test
  void theGuildBenchmarkQueryFitsBenchRouterYaml() throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of("../../../shared/bench/guild-federation");
    if (!java.nio.file.Files.isDirectory(dir)) {
      dir = java.nio.file.Path.of("/work/shared/bench/guild-federation");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.isDirectory(dir), "no benchmark data");
    Costing c =
        new Costing(
            java.nio.file.Files.readString(dir.resolve("supergraph.graphql")),
            DemandControlConfig.DEFAULT_LIST_SIZE);
    long cost = c.cost(java.nio.file.Files.readString(dir.resolve("query.graphql")));
    // users: 10 x (1 + reviews 10 x (1 + product (1 + reviews 10 x (1 + author (1 + reviews 10 x
    // (1 + product 1)))))), topProducts: 10 x (1 + reviews 10 x (1 + author (1 + reviews 10 x 2)))
    assertThat(cost).isEqualTo(22_210 + 2_210);
    assertThat(cost).isLessThan(50_000).isGreaterThan(DemandControlConfig.DEFAULT_MAX_COST);
  }
}
