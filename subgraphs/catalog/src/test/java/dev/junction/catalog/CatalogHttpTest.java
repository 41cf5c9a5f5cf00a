package dev.junction.catalog;

import dev.junction.subgraph.common.testing.SdlSnapshot;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The catalog over real HTTP: POST /graphql, the committed SDL, and health. */
class CatalogHttpTest extends CatalogIntegrationTest {

  @Test
  void servesProductsOverHttp() {
    http.post()
        .uri("/graphql")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            Map.of(
                "query",
                "query($id: ID!) { product(id: $id) { id name price { amount currency } } }",
                "variables",
                Map.of("id", "prod-001")))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.errors")
        .doesNotExist()
        .jsonPath("$.data.product.id")
        .isEqualTo("prod-001")
        .jsonPath("$.data.product.name")
        .isEqualTo("Trail Running Shoe")
        .jsonPath("$.data.product.price.currency")
        .isEqualTo("EUR");
  }

  @Test
  void badInputOverHttpIsAGraphQLErrorWithoutStackTrace() {
    http.post()
        .uri("/graphql")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("query", "{ productByBarcode(barcode: \"123\") { id } }"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.data.productByBarcode")
        .isEmpty()
        .jsonPath("$.errors[0].extensions.code")
        .isEqualTo("BAD_USER_INPUT")
        .jsonPath("$.errors[0].path[0]")
        .isEqualTo("productByBarcode")
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
