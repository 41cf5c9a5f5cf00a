package dev.junction.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.subgraph.common.testing.SdlSnapshot;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The running server over real HTTP: GraphQL endpoint, health, served SDL. */
class OrdersHttpTest extends OrdersIntegrationTest {
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
                "query($id: ID!) { order(id: $id) { id total { amount currency } lines { product { name } } } }",
                "variables",
                Map.of("id", "ord-0002")))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.errors")
        .doesNotExist()
        .jsonPath("$.data.order.id")
        .isEqualTo("ord-0002")
        .jsonPath("$.data.order.total.currency")
        .isEqualTo("EUR")
        .jsonPath("$.data.order.lines.length()")
        .isEqualTo(3);
  }

  @Test
  void unknownOrderOverHttpIsNotFound() {
    http.post()
        .uri("/graphql")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("query", "{ order(id: \"nope\") { id } }"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.data.order")
        .isEmpty()
        .jsonPath("$.errors[0].extensions.code")
        .isEqualTo("NOT_FOUND")
        .jsonPath("$.errors[0].path[0]")
        .isEqualTo("order");
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
    assertThat(sdl).contains("@provides(fields : \"name\")").contains("type Customer @key");
    SdlSnapshot.assertMatches(sdl, Path.of("subgraph.graphql"));
  }
}
