package dev.junction.catalog.product;

import dev.junction.subgraph.common.seed.SeedData;
import io.r2dbc.spi.ConnectionFactory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.connection.init.ConnectionFactoryInitializer;
import reactor.core.publisher.Mono;

/**
 * Seeds the product table from {@link SeedData#products()} when {@code junction.seed.enabled} is
 * true and the table is empty. The seeding is reactive; Spring's {@link
 * ConnectionFactoryInitializer} runs it during startup (after {@code schema.sql}), so the subgraph
 * never serves requests before its demo data exists.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "junction.seed.enabled", havingValue = "true")
public class ProductSeeder {
  private static final Logger log = LoggerFactory.getLogger(ProductSeeder.class);

  @Bean
  @DependsOnDatabaseInitialization
  ConnectionFactoryInitializer productSeedInitializer(
      ConnectionFactory connectionFactory, ProductRepository products) {
    ConnectionFactoryInitializer initializer = new ConnectionFactoryInitializer();
    initializer.setConnectionFactory(connectionFactory);
    initializer.setDatabasePopulator(connection -> seed(products).then());
    return initializer;
  }

  /** Inserts the seed products if the table is empty; emits the number of rows inserted. */
  static Mono<Long> seed(ProductRepository products) {
    return products
        .count()
        .flatMap(
            n -> {
              if (n > 0) {
                return Mono.just(0L);
              }
              List<Product> seed =
                  SeedData.products().stream()
                      .map(
                          p ->
                              new Product(
                                  p.id(),
                                  p.sku(),
                                  p.name(),
                                  p.description(),
                                  p.priceCents(),
                                  SeedData.CURRENCY,
                                  p.barcode(),
                                  p.weightGrams(),
                                  p.lengthMm(),
                                  p.widthMm(),
                                  p.heightMm()))
                      .toList();
              return products.insertAll(seed);
            })
        .doOnNext(n -> log.info("Seeded {} products", n));
  }
}
