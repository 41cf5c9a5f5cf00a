package dev.junction.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.client.GraphQLClient;
import dev.junction.client.GraphQLResult;
import dev.junction.client.sdk.BrowseProductsQuery;
import dev.junction.client.sdk.ProductByBarcodeQuery;
import dev.junction.subgraph.common.seed.SeedData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated client SDK against the real gateway process and the six subgraphs, with the gateway
 * in safelist mode driven by the SDK's persisted-query manifest.
 */
class ClientSdkAgainstGatewayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path MANIFEST =
      Path.of("..", "client-sdk", "sdk", "target", "persisted-queries", "persisted-queries.json")
          .toAbsolutePath()
          .normalize();
  private static GatewayProcess gateway;

  @BeforeAll
  static void start() throws Exception {
    LocalStack stack = LocalStack.shared();
    StringBuilder yaml = new StringBuilder("subgraphs:\n");
    for (String name : LocalStack.SUBGRAPHS) {
      yaml.append("  ")
          .append(name)
          .append(":\n    routing_url: ${env.")
          .append(name.toUpperCase())
          .append("_URL}\n");
    }
    yaml.append("subgraph_auth:\n  all:\n    secret: ${env.JUNCTION_SUBGRAPH_SECRET}\n");
    yaml.append("persisted_queries:\n")
        .append("  manifest: ")
        .append(MANIFEST)
        .append("\n  safelist: true\n  log_unknown: true\n");
    Path config = Path.of("target", "sdk-router.yaml").toAbsolutePath();
    Files.writeString(config, yaml);
    gateway = GatewayProcess.start(stack, config, "gateway-sdk.log");
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void browsesProductsAndLooksOneUpByBarcode() {
    GraphQLClient client = GraphQLClient.builder(URI.create(gateway.url())).build();
    GraphQLResult<BrowseProductsQuery.Data> page =
        client.execute(BrowseProductsQuery.builder().first(5).build());
    assertThat(page.errors()).isEmpty();
    List<BrowseProductsQuery.Data.Products.Edge> edges = page.data().products().edges();
    assertThat(edges).hasSize(5);
    for (int i = 0; i < 5; i++) {
      SeedData.Product expected = SeedData.products().get(i);
      BrowseProductsQuery.Data.Products.Edge.Node node = edges.get(i).node();
      assertThat(node.id()).isEqualTo(expected.id());
      assertThat(node.name()).isEqualTo(expected.name());
      assertThat(node.price().amount())
          .isEqualByComparingTo(java.math.BigDecimal.valueOf(expected.priceCents(), 2));
      assertThat(node.inStock()).isEqualTo(node.stock().available() > 0);
    }
    SeedData.Product scanned = SeedData.products().get(2);
    GraphQLResult<ProductByBarcodeQuery.Data> byBarcode =
        client.execute(ProductByBarcodeQuery.builder().barcode(scanned.barcode()).build());
    assertThat(byBarcode.errors()).isEmpty();
    assertThat(byBarcode.data().productByBarcode().name()).isEqualTo(scanned.name());
    assertThat(byBarcode.data().productByBarcode().weightGrams()).isEqualTo(scanned.weightGrams());
  }

  @Test
  void badInputComesBackAsAnErrorValueNotAnException() {
    GraphQLClient client = GraphQLClient.builder(URI.create(gateway.url())).build();
    GraphQLResult<ProductByBarcodeQuery.Data> result =
        client.execute(ProductByBarcodeQuery.builder().barcode("123").build());
    assertThat(result.errors()).hasSize(1);
    assertThat(result.errors().get(0).code()).isEqualTo("BAD_USER_INPUT");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSafelistRefusesOperationsOutsideTheManifestAndServesIdsFromIt() throws Exception {
    HttpResponse<String> unknown = post(Map.of("query", "{ warehouses { id name } }"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("PERSISTED_QUERY_NOT_IN_LIST");

    JsonNode manifest = JSON.readTree(MANIFEST.toFile());
    JsonNode browse = null;
    for (JsonNode op : manifest.path("operations")) {
      if (op.path("name").asText().equals("BrowseProducts")) {
        browse = op;
      }
    }
    assertThat(browse).isNotNull();
    HttpResponse<String> byId =
        post(
            Map.of(
                "variables",
                Map.of("first", 2),
                "extensions",
                Map.of(
                    "persistedQuery",
                    Map.of("version", 1, "sha256Hash", browse.path("id").asText()))));
    assertThat(byId.statusCode()).isEqualTo(200);
    Map<String, Object> body = JSON.readValue(byId.body(), Map.class);
    assertThat(body).doesNotContainKey("errors");
    assertThat(byId.body()).contains(SeedData.products().get(1).name());
  }

  private static HttpResponse<String> post(Map<String, Object> body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(gateway.url()))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
