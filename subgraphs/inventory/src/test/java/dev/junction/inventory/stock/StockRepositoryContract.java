package dev.junction.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.junction.inventory.InventoryIntegrationTest;
import dev.junction.inventory.seed.InventorySeeder;
import dev.junction.inventory.warehouse.WarehouseRepository;
import dev.junction.subgraph.common.seed.SeedData;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import reactor.test.StepVerifier;

/** Stock persistence behaviour that must hold on H2 and on PostgreSQL alike. */
abstract class StockRepositoryContract extends InventoryIntegrationTest {
  @Autowired WarehouseRepository warehouses;

  @Test
  void seedsWarehousesAndStockOnce() {
    StepVerifier.create(warehouses.count()).expectNext(3L).verifyComplete();
    StepVerifier.create(warehouses.findAll().map(w -> w.id()))
        .expectNext("wh-ams", "wh-ber", "wh-lyo")
        .verifyComplete();
    StepVerifier.create(InventorySeeder.seed(warehouses, stockRepository))
        .expectNext(0L)
        .verifyComplete();
    StepVerifier.create(stockRepository.find("prod-001", "wh-ber").map(StockLevel::onHand))
        .expectNext(SeedData.stock().get(1).onHand())
        .verifyComplete();
  }

  @Test
  void findsStockOfManyProductsWithWarehouses() {
    String p = stockedProduct(5, 0, 7);
    StepVerifier.create(
            stockRepository.findByProductIds(List.of(p, "prod-007", "nope")).collectList())
        .assertNext(
            rows -> {
              assertThat(rows).hasSize(6);
              assertThat(rows.subList(0, 3))
                  .extracting(r -> r.stock().warehouse().city(), r -> r.stock().available())
                  .containsExactly(tuple("Amsterdam", 0), tuple("Berlin", 0), tuple("Lyon", 0));
              assertThat(rows.subList(3, 6))
                  .extracting(r -> r.stock().available())
                  .containsExactly(5, 0, 7);
            })
        .verifyComplete();
  }

  @Test
  void conditionalReserveNeverOversells() {
    String p = stockedProduct(2);
    StepVerifier.create(stockRepository.reserve(p, "wh-ams", 2)).expectNext(true).verifyComplete();
    StepVerifier.create(stockRepository.reserve(p, "wh-ams", 1)).expectNext(false).verifyComplete();
    StepVerifier.create(stockRepository.reserve(p, "wh-ber", 1)).expectNext(false).verifyComplete();
    StepVerifier.create(stockRepository.release(p, "wh-ams", 3)).expectNext(false).verifyComplete();
    StepVerifier.create(stockRepository.release(p, "wh-ams", 2)).expectNext(true).verifyComplete();
    StepVerifier.create(stockRepository.find(p, "wh-ams"))
        .expectNext(new StockLevel(p, "wh-ams", 2, 0))
        .verifyComplete();
  }

  @Test
  void checkConstraintsRejectImpossibleStock() {
    String p = stockedProduct(3);
    StepVerifier.create(
            db.sql("UPDATE stock SET reserved = 4 WHERE product_id = :p").bind("p", p).then())
        .expectError(DataIntegrityViolationException.class)
        .verify();
    StepVerifier.create(
            db.sql("UPDATE stock SET on_hand = -1, reserved = 0 WHERE product_id = :p")
                .bind("p", p)
                .then())
        .expectError(DataIntegrityViolationException.class)
        .verify();
    StepVerifier.create(
            db.sql("UPDATE stock SET reserved = -1 WHERE product_id = :p").bind("p", p).then())
        .expectError(DataIntegrityViolationException.class)
        .verify();
    assertThat(reservedOf(p)).isZero();
    assertThat(onHandOf(p)).isEqualTo(3);
  }
}
