package dev.junction.inventory;

import dev.junction.subgraph.common.testing.SdlSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The inventory over real HTTP: POST /graphql, the committed SDL, and health. */
class InventoryHttpTest extends InventoryIntegrationTest {

  @Test
  void servesStockOverHttp() {
    http.post()
        .uri("/graphql")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            Map.of(
                "query",
                "query($r: [_Any!]!) { _entities(representations: $r) {"
                    + " ... on Product { id inStock stock { available } } } }",
                "variables",
                Map.of("r", List.of(Map.of("__typename", "Product", "id", "prod-019")))))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.errors")
        .doesNotExist()
        .jsonPath("$._entities")
        .doesNotExist()
        .jsonPath("$.data._entities[0].id")
        .isEqualTo("prod-019")
        .jsonPath("$.data._entities[0].inStock")
        .isEqualTo(false)
        .jsonPath("$.data._entities[0].stock.available")
        .isEqualTo(0);
  }

  @Test
  void insufficientStockOverHttpIsAGraphQLError() {
    http.post()
        .uri("/graphql")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            Map.of(
                "query",
                "mutation { reserveStock(orderId: \"ord-http-1\", lines: [{productId: \"prod-042\","
                    + " quantity: 1}]) { status } }"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.errors[0].extensions.code")
        .isEqualTo("INSUFFICIENT_STOCK")
        .jsonPath("$.errors[0].path[0]")
        .isEqualTo("reserveStock")
        .jsonPath("$.errors[0].extensions.stackTrace")
        .doesNotExist();
  }

  @Test
  void servedSdlMatchesTheCommittedFile() {
    String sdl = graphql.executeAndExtractJsonPath("{ _service { sdl } }", "data._service.sdl");
    SdlSnapshot.assertMatches(sdl, Path.of("subgraph.graphql"));
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
}
