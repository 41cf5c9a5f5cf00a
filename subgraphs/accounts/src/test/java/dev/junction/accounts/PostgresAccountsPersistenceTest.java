package dev.junction.accounts;

import dev.junction.subgraph.common.testing.EmbeddedPostgresSupport;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The persistence contract, including the races, on a real PostgreSQL server. */
class PostgresAccountsPersistenceTest extends AbstractAccountsPersistenceTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.r2dbc.url", () -> EmbeddedPostgresSupport.r2dbcUrl("accounts_it"));
    registry.add("spring.r2dbc.username", () -> "postgres");
    registry.add("spring.r2dbc.password", () -> "");
  }
}
