package dev.junction.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.planner.supergraph.Supergraph;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SupergraphModelTest {
  static Supergraph junction() throws Exception {
    return Supergraph.parse(
        Files.readString(Path.of("src/test/resources/cases/_shared/junction.graphql")));
  }

  @Test
  void readsSubgraphsAndUrls() throws Exception {
    Supergraph sg = junction();
    assertThat(sg.graphs().keySet())
        .containsExactly("accounts", "catalog", "inventory", "orders", "payments", "shipping");
    assertThat(sg.graphs().get("catalog").url()).isEqualTo("http://localhost:4002/graphql");
  }

  @Test
  void knowsWhoResolvesWhat() throws Exception {
    Supergraph sg = junction();
    assertThat(sg.graphsResolving("Product", "name")).containsExactly("catalog");
    assertThat(sg.resolves("orders", "Product", "name")).isFalse(); // @external, only provided
    assertThat(sg.graphsResolving("Product", "stock")).containsExactly("inventory");
    assertThat(sg.fieldInGraph("Product", "shippingEstimate", "shipping").requires())
        .contains("weightGrams");
    assertThat(sg.keys("Product", "catalog")).hasSize(2);
    assertThat(sg.graphsResolving("Money", "amount"))
        .containsExactly("catalog", "orders", "payments", "shipping");
  }

  @Test
  void apiSchemaHidesInaccessibleAndFederationMachinery() throws Exception {
    String api = junction().apiSchema().sdl();
    assertThat(api).contains("registerCustomer").contains("type Product");
    assertThat(api)
        .doesNotContain("creditPoints")
        .doesNotContain("reserveStock")
        .doesNotContain("Reservation")
        .doesNotContain("join__")
        .doesNotContain("link__")
        .doesNotContain("_entities")
        .doesNotContain("@inaccessible");
  }

  @Test
  void rejectsWhatIsNotASupergraph() {
    assertThatThrownBy(() -> Supergraph.parse("type Query { a: Int }"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("join__Graph");
    assertThatThrownBy(() -> Supergraph.parse("type Query {"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
