package dev.junction.orders.saga;

import dev.junction.subgraph.common.testing.EmbeddedPostgresSupport;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The checkout saga on a real PostgreSQL server (row locks, SKIP LOCKED, concurrent inserts). */
class PostgresSagaTest extends SagaContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.r2dbc.url", () -> EmbeddedPostgresSupport.r2dbcUrl("orders_saga"));
    registry.add("spring.r2dbc.username", () -> "postgres");
    registry.add("spring.r2dbc.password", () -> "");
  }
}
