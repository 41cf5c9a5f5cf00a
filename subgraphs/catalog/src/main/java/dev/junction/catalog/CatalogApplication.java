package dev.junction.catalog;

import dev.junction.subgraph.common.error.SubgraphExceptionHandler;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The catalog subgraph: products, their prices, barcodes and package dimensions. */
@SpringBootApplication
public class CatalogApplication {
  public static void main(String[] args) {
    SpringApplication.run(CatalogApplication.class, args);
  }

  /**
   * Declares the shared error handler as an application bean. The common auto-configuration also
   * registers it, but after DGS has already added its own default handler, which leaves two
   * candidates; an application bean suppresses both conditional registrations.
   */
  @Bean
  SubgraphExceptionHandler subgraphExceptionHandler() {
    return new SubgraphExceptionHandler();
  }
}
