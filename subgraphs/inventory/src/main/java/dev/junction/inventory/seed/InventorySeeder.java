package dev.junction.inventory.seed;

import dev.junction.inventory.stock.StockRepository;
import dev.junction.inventory.warehouse.Warehouse;
import dev.junction.inventory.warehouse.WarehouseRepository;
import dev.junction.subgraph.common.seed.SeedData;
import io.r2dbc.spi.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.connection.init.ConnectionFactoryInitializer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Seeds warehouses and stock from {@link SeedData} when {@code junction.seed.enabled} is true and
 * the tables are empty. The seeding is reactive; Spring's {@link ConnectionFactoryInitializer} runs
 * it during startup (after {@code schema.sql}), so the subgraph never serves before its data
 * exists.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "junction.seed.enabled", havingValue = "true")
public class InventorySeeder {
  private static final Logger log = LoggerFactory.getLogger(InventorySeeder.class);

  @Bean
  @DependsOnDatabaseInitialization
  ConnectionFactoryInitializer inventorySeedInitializer(
      ConnectionFactory connectionFactory, WarehouseRepository warehouses, StockRepository stock) {
    ConnectionFactoryInitializer initializer = new ConnectionFactoryInitializer();
    initializer.setConnectionFactory(connectionFactory);
    initializer.setDatabasePopulator(connection -> seed(warehouses, stock).then());
    return initializer;
  }

  /** Inserts the seed warehouses and stock into empty tables; emits the rows inserted. */
  public static Mono<Long> seed(WarehouseRepository warehouses, StockRepository stock) {
    Mono<Long> seedWarehouses =
        warehouses
            .count()
            .flatMap(
                n ->
                    n > 0
                        ? Mono.just(0L)
                        : Flux.fromIterable(SeedData.warehouses())
                            .concatMap(
                                w -> warehouses.insert(new Warehouse(w.id(), w.name(), w.city())))
                            .reduce(0L, Long::sum));
    Mono<Long> seedStock =
        stock
            .count()
            .flatMap(
                n ->
                    n > 0
                        ? Mono.just(0L)
                        : Flux.fromIterable(SeedData.stock())
                            .concatMap(
                                s -> stock.insert(s.productId(), s.warehouseId(), s.onHand()))
                            .reduce(0L, Long::sum));
    // Warehouses first: stock rows reference them.
    return seedWarehouses
        .flatMap(w -> seedStock.map(s -> w + s))
        .doOnNext(n -> log.info("Seeded {} warehouse and stock rows", n));
  }
}
