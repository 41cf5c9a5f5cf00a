package dev.junction.inventory;

import com.netflix.graphql.dgs.DgsQueryExecutor;
import dev.junction.inventory.stock.StockRepository;
import dev.junction.subgraph.common.testing.StatementCounter;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * Base of the inventory's integration tests: the whole application on a random port, on in-memory
 * H2 by default; subclasses annotated with {@link OnPostgres} run against real PostgreSQL. Tests
 * that change stock work on products of their own ({@link #stockedProduct(int...)}) so that they
 * never disturb the seeded data or each other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(StatementCounter.class)
public abstract class InventoryIntegrationTest {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  protected static final String[] WAREHOUSES = {"wh-ams", "wh-ber", "wh-lyo"};

  @Autowired protected DgsQueryExecutor graphql;
  @Autowired protected WebTestClient http;
  @Autowired protected StatementCounter statements;
  @Autowired protected StockRepository stockRepository;
  @Autowired protected DatabaseClient db;
  @LocalServerPort protected int port;

  /**
   * A fresh product id with the given on-hand units in wh-ams, wh-ber, wh-lyo (in that order; fewer
   * values mean no row for the remaining warehouses).
   */
  protected String stockedProduct(int... onHandPerWarehouse) {
    String id = "test-" + Long.toString(System.nanoTime(), 36) + "-" + SEQUENCE.incrementAndGet();
    Flux.range(0, onHandPerWarehouse.length)
        .concatMap(i -> stockRepository.insert(id, WAREHOUSES[i], onHandPerWarehouse[i]))
        .blockLast();
    return id;
  }

  /** A fresh order id. */
  protected static String newOrderId() {
    return "ord-test-" + Long.toString(System.nanoTime(), 36) + "-" + SEQUENCE.incrementAndGet();
  }

  /** Sum of reserved units of a product over all warehouses. */
  protected int reservedOf(String productId) {
    return db.sql("SELECT COALESCE(SUM(reserved), 0) AS n FROM stock WHERE product_id = :p")
        .bind("p", productId)
        .map(row -> ((Number) row.get("n")).intValue())
        .one()
        .block();
  }

  /** Sum of on-hand units of a product over all warehouses. */
  protected int onHandOf(String productId) {
    return db.sql("SELECT COALESCE(SUM(on_hand), 0) AS n FROM stock WHERE product_id = :p")
        .bind("p", productId)
        .map(row -> ((Number) row.get("n")).intValue())
        .one()
        .block();
  }

  /** Number of stock rows anywhere with a negative figure or more reserved than on hand. */
  protected long invalidStockRows() {
    return db.sql(
            "SELECT COUNT(*) AS n FROM stock WHERE on_hand < 0 OR reserved < 0 OR reserved > on_hand")
        .map(row -> ((Number) row.get("n")).longValue())
        .one()
        .block();
  }

  /** Number of reservation rows of an order. */
  protected long reservationRows(String orderId) {
    return db.sql("SELECT COUNT(*) AS n FROM reservation WHERE order_id = :o")
        .bind("o", orderId)
        .map(row -> ((Number) row.get("n")).longValue())
        .one()
        .block();
  }
}
