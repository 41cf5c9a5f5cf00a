package dev.junction.shipping;

import dev.junction.subgraph.common.testing.EmbeddedPostgresSupport;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points an application context at a database of the embedded PostgreSQL server. */
final class PostgresSupport {
  private PostgresSupport() {}

  static void register(DynamicPropertyRegistry registry, String database) {
    registry.add("spring.r2dbc.url", () -> EmbeddedPostgresSupport.r2dbcUrl(database));
    registry.add("spring.r2dbc.username", () -> "postgres");
    registry.add("spring.r2dbc.password", () -> "");
  }
}
