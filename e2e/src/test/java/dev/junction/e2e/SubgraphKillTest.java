package dev.junction.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.gateway.Gateway;
import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.GatewayResponse;
import dev.junction.gateway.config.RouterConfig;
import dev.junction.gateway.config.RouterConfigLoader;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * The kill test: under a bounded load, the inventory subgraph process is stopped and started again.
 * The gateway never answers 5xx, operations that do not touch inventory keep returning identical
 * responses, those that do lose only inventory's fields, and inventory's breaker opens and later
 * closes again.
 */
class SubgraphKillTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOT_TOUCHING =
      "{ product(id: \"prod-003\") { name sku price { amount currency } }"
          + " customer(id: \"cust-004\") { name email } }";
  private static final String TOUCHING =
      "{ product(id: \"prod-003\") { name stock { available } inStock } }";

  @Test
  @SuppressWarnings("unchecked")
  void stoppingAndRestartingInventoryNeverTakesTheGraphDown() throws Exception {
    LocalStack stack = LocalStack.shared();
    RouterConfig config =
        new RouterConfigLoader(name -> null)
            .parse(
                """
                traffic_shaping:
                  all:
                    timeout: 10s
                    circuit_breaker:
                      minimum_number_of_calls: 4
                      sliding_window_size: 10
                      failure_rate_threshold: 50
                      wait_duration_in_open_state: 1s
                      permitted_calls_in_half_open_state: 2
                """,
                "kill-test.yaml",
                null);
    try (Gateway gateway =
        Gateway.create(
            Files.readString(Path.of("..", "supergraph", "supergraph.graphql")),
            config
                .toGatewayOptionsBuilder(null)
                .subgraphUrls(stack.urls())
                .subgraphAuth(LocalStack.gatewayCredentials())
                .build())) {
      String quiet = warm(gateway, NOT_TOUCHING);
      String withStock = warm(gateway, TOUCHING);
      assertThat(quiet).doesNotContain("errors");
      assertThat(withStock).doesNotContain("errors");
      CircuitBreaker inventory = gateway.resilience().circuitBreakers().circuitBreaker("inventory");

      load(gateway, quiet, withStock, false);
      stack.stop("inventory");
      try {
        AtomicInteger degraded = load(gateway, quiet, withStock, true);
        assertThat(degraded.get()).as("inventory queries answered without stock").isPositive();
        assertThat(inventory.getState()).isEqualTo(CircuitBreaker.State.OPEN);
      } finally {
        stack.restart("inventory");
      }
      // After the open wait the breaker lets probes through; they succeed and it closes.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      String answer = null;
      while (System.nanoTime() < deadline) {
        answer = json(run(gateway, TOUCHING));
        if (answer.equals(withStock) && inventory.getState() == CircuitBreaker.State.CLOSED) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(answer).isEqualTo(withStock);
      assertThat(inventory.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
  }

  /** 80 requests, 4 at a time: half touch inventory. Returns how many came back degraded. */
  @SuppressWarnings("unchecked")
  private static AtomicInteger load(
      Gateway gateway, String quiet, String withStock, boolean inventoryDown) {
    AtomicInteger degraded = new AtomicInteger();
    List<GatewayResponse> responses =
        Flux.range(0, 80)
            .flatMap(
                i ->
                    gateway.execute(
                        GatewayRequest.of(i % 2 == 0 ? NOT_TOUCHING : TOUCHING)
                            .withIdentity(Callers.ADMIN)),
                4)
            .collectList()
            .block(Duration.ofSeconds(120));
    assertThat(responses).hasSize(80);
    for (GatewayResponse r : responses) {
      assertThat(r.httpStatus()).as("no 5xx from the gateway").isLessThan(500);
      String body = json(r);
      Map<String, Object> data = (Map<String, Object>) r.data();
      if (data.containsKey("customer")) {
        assertThat(body).isEqualTo(quiet);
      } else if (!inventoryDown) {
        assertThat(body).isEqualTo(withStock);
      } else if (!body.equals(withStock)) {
        // the product page survives: catalog's fields are served, inventory's are null
        Map<String, Object> product = (Map<String, Object>) data.get("product");
        assertThat(product).isNotNull();
        assertThat(product.get("name")).isNotNull();
        assertThat(product.get("stock")).isNull();
        assertThat(r.errors())
            .allSatisfy(
                e ->
                    assertThat(((Map<String, Object>) e.get("extensions")).get("code"))
                        .isIn("SUBGRAPH_UNAVAILABLE", "CIRCUIT_OPEN", "SUBGRAPH_TIMEOUT"));
        degraded.incrementAndGet();
      }
    }
    return degraded;
  }

  /** The answer once the subgraphs are warm (the first calls of a fresh JVM can be slow). */
  private static String warm(Gateway gateway, String query) throws InterruptedException {
    String answer = json(run(gateway, query));
    for (int i = 0; i < 20 && answer.contains("\"errors\""); i++) {
      Thread.sleep(250);
      answer = json(run(gateway, query));
    }
    return answer;
  }

  private static GatewayResponse run(Gateway gateway, String query) {
    return gateway
        .execute(GatewayRequest.of(query).withIdentity(Callers.ADMIN))
        .block(Duration.ofSeconds(30));
  }

  private static String json(GatewayResponse r) {
    return new String(r.toJson(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
