package dev.junction.inventory;

import dev.junction.subgraph.common.error.SubgraphExceptionHandler;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The inventory subgraph: warehouses, stock levels and the saga's stock reservations. */
@SpringBootApplication
public class InventoryApplication {
  public static void main(String[] args) {
    SpringApplication.run(InventoryApplication.class, args);
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
