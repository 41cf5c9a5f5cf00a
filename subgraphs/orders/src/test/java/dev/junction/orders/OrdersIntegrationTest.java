package dev.junction.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.netflix.graphql.dgs.DgsQueryExecutor;
import dev.junction.orders.seed.OrderSeeder;
import dev.junction.subgraph.common.testing.StatementCounter;
import graphql.ExecutionResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** Base of the tests that run the whole application (H2 unless a subclass says otherwise). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(StatementCounter.class)
public abstract class OrdersIntegrationTest {
  @Autowired protected DgsQueryExecutor dgs;
  @Autowired protected StatementCounter statements;
  @Autowired protected OrderSeeder seeder;

  @BeforeEach
  void awaitSeed() {
    seeder.seeded().block(Duration.ofSeconds(30));
    statements.reset();
  }

  /** Runs a GraphQL operation and returns the whole response (data and errors) as JSON. */
  protected DocumentContext execute(String query, Map<String, Object> variables) {
    ExecutionResult result = dgs.execute(query, variables);
    return JsonPath.parse(result.toSpecification());
  }

  /** Fails with the errors when the response has any. */
  protected static void assertNoErrors(DocumentContext json) {
    Map<String, Object> response = json.json();
    assertThat(response.get("errors")).as("errors").isNull();
  }

  protected DocumentContext execute(String query) {
    return execute(query, Map.of());
  }
}
