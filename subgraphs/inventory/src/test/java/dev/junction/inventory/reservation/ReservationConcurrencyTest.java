package dev.junction.inventory.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.inventory.InventoryIntegrationTest;
import dev.junction.inventory.OnPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Concurrent reservations over real HTTP against real PostgreSQL: the conditional UPDATEs and the
 * unique order id must hold when requests race.
 */
@OnPostgres
class ReservationConcurrencyTest extends InventoryIntegrationTest {
  private static final String RESERVE =
      "mutation($o: ID!, $p: ID!, $q: Int!) { reserveStock(orderId: $o, lines: [{productId: $p,"
          + " quantity: $q}]) { orderId status lines { warehouseId quantity } } }";

  private static final String RELEASE =
      "mutation($o: ID!) { releaseStock(orderId: $o) { status lines { quantity } } }";

  private ExecutorService pool;
  private WebClient client;

  @BeforeEach
  void setUp() {
    pool = Executors.newFixedThreadPool(25);
    client = WebClient.create("http://localhost:" + port);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void twentyFiveBuyersForTenUnits() throws Exception {
    String product = stockedProduct(6, 4);
    List<Map<String, Object>> responses = race(25, i -> newOrderId(), product);

    long succeeded = responses.stream().filter(r -> r.get("errors") == null).count();
    List<Object> codes =
        responses.stream()
            .filter(r -> r.get("errors") != null)
            .map(ReservationConcurrencyTest::firstErrorCode)
            .toList();
    assertThat(succeeded).isEqualTo(10);
    assertThat(codes).hasSize(15).containsOnly("INSUFFICIENT_STOCK");
    assertThat(reservedOf(product)).isEqualTo(10);
    assertThat(onHandOf(product)).isEqualTo(10);
    assertThat(invalidStockRows()).isZero();
  }

  @Test
  void identicalCallsRacingYieldOneReservation() throws Exception {
    String product = stockedProduct(20);
    String order = newOrderId();
    List<Map<String, Object>> responses = race(8, i -> order, product);

    assertThat(responses).allSatisfy(r -> assertThat(r.get("errors")).isNull());
    assertThat(responses.stream().map(r -> r.get("data")).distinct()).hasSize(1);
    assertThat(reservationRows(order)).isEqualTo(1);
    assertThat(reservedOf(product)).isEqualTo(1);
  }

  @Test
  void concurrentReleasesGiveUnitsBackOnce() throws Exception {
    String product = stockedProduct(3, 3);
    String order = newOrderId();
    assertThat(post(order, product, 5).get("errors")).isNull();
    assertThat(reservedOf(product)).isEqualTo(5);

    CountDownLatch start = new CountDownLatch(1);
    List<Future<Map<String, Object>>> futures = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      futures.add(
          pool.submit(
              () -> {
                start.await(10, TimeUnit.SECONDS);
                return send(RELEASE, Map.<String, Object>of("o", order));
              }));
    }
    start.countDown();
    for (Future<Map<String, Object>> f : futures) {
      Map<String, Object> response = f.get(30, TimeUnit.SECONDS);
      assertThat(response.get("errors")).isNull();
      assertThat(response.get("data").toString()).contains("RELEASED");
    }
    assertThat(reservedOf(product)).isZero();
    assertThat(onHandOf(product)).isEqualTo(6);
    assertThat(invalidStockRows()).isZero();
  }

  /** Sends {@code n} reservations of one unit at once (released together by a latch). */
  private List<Map<String, Object>> race(int n, IntFunction<String> orderIds, String product)
      throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Map<String, Object>>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String order = orderIds.apply(i);
      futures.add(
          pool.submit(
              () -> {
                start.await(10, TimeUnit.SECONDS);
                return post(order, product, 1);
              }));
    }
    start.countDown();
    List<Map<String, Object>> responses = new ArrayList<>();
    for (Future<Map<String, Object>> f : futures) {
      responses.add(f.get(30, TimeUnit.SECONDS));
    }
    return responses;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> post(String order, String product, int quantity) {
    return send(RESERVE, Map.of("o", order, "p", product, "q", quantity));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> send(String query, Map<String, Object> variables) {
    return client
        .post()
        .uri("/graphql")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("query", query, "variables", variables))
        .retrieve()
        .bodyToMono(Map.class)
        .block(Duration.ofSeconds(30));
  }

  @SuppressWarnings("unchecked")
  private static Object firstErrorCode(Map<String, Object> response) {
    List<Map<String, Object>> errors = (List<Map<String, Object>>) response.get("errors");
    return ((Map<String, Object>) errors.get(0).get("extensions")).get("code");
  }
}
