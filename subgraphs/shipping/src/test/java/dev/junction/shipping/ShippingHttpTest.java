package dev.junction.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.subgraph.common.testing.SdlSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The running server over real HTTP: GraphQL endpoint, health, served SDL. */
class ShippingHttpTest extends ShippingIntegrationTest {
  @LocalServerPort int port;
  WebTestClient http;

  @BeforeEach
  void client() {
    http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
  }

  @Test
  void graphqlOverHttp() {
    http.post()
        .uri("/graphql")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            Map.of(
                "query",
                "query($r: [_Any!]!) { _entities(representations: $r) {"
                    + " ... on Order { id shipment { id carrier } }"
                    + " ... on Product { shippingEstimate(destination: \"BE\") { amount } } } }",
                "variables",
                Map.of(
                    "r",
                    List.of(
                        Map.of("__typename", "Order", "id", "ord-0001"),
                        Map.of(
                            "__typename",
                            "Product",
                            "id",
                            "prod-001",
                            "weightGrams",
                            253,
                            "dimensions",
                            Map.of("lengthMm", 137, "widthMm", 113, "heightMm", 49))))))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.errors")
        .doesNotExist()
        .jsonPath("$.data._entities[0].shipment.id")
        .isEqualTo("shp-0001")
        .jsonPath("$.data._entities[1].shippingEstimate.amount")
        .isEqualTo("9.48");
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

  @Test
  void servedSdlMatchesTheCommittedFile() {
    String sdl = execute("{ _service { sdl } }").read("$.data._service.sdl");
    assertThat(sdl)
        .contains("@requires(fields : \"weightGrams dimensions { lengthMm widthMm heightMm }\")");
    SdlSnapshot.assertMatches(sdl, Path.of("subgraph.graphql"));
  }
}
