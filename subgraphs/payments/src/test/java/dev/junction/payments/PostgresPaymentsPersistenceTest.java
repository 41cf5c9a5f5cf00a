package dev.junction.payments;

import dev.junction.subgraph.common.testing.EmbeddedPostgresSupport;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The persistence contract on a real PostgreSQL server. */
class PostgresPaymentsPersistenceTest extends AbstractPaymentsPersistenceTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.r2dbc.url", () -> EmbeddedPostgresSupport.r2dbcUrl("payments_it"));
    registry.add("spring.r2dbc.username", () -> "postgres");
    registry.add("spring.r2dbc.password", () -> "");
  }
}
