package dev.junction.catalog;

import com.netflix.graphql.dgs.DgsQueryExecutor;
import dev.junction.subgraph.common.testing.StatementCounter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the catalog's integration tests: the whole application on a random port, on in-memory H2
 * by default; subclasses annotated with {@link OnPostgres} run against real PostgreSQL. All
 * subclasses of one kind share one cached application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(StatementCounter.class)
public abstract class CatalogIntegrationTest {
  @Autowired protected DgsQueryExecutor graphql;
  @Autowired protected WebTestClient http;
  @Autowired protected StatementCounter statements;
}
