package dev.junction.gateway.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.planner.QueryPlanner;
import dev.junction.planner.supergraph.Supergraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OperationPreparerTest {
  private OperationPreparer preparer;

  @BeforeEach
  void setUp() throws Exception {
    Supergraph sg = Supergraph.parse(Files.readString(Path.of("../supergraph.graphql")));
    preparer = new OperationPreparer(sg.apiSchema().schema(), new QueryPlanner(sg));
  }

  @Test
  void plansOnceForDocumentsThatDifferOnlyInLayout() {
    PreparedOperation a = preparer.prepare("{ product(id: \"prod-001\") { name } }", null);
    PreparedOperation b =
        preparer.prepare("# a comment\n{\n  product(id: \"prod-001\") {\n    name\n  }\n}", null);
    PreparedOperation again = preparer.prepare("{ product(id: \"prod-001\") { name } }", null);
    assertThat(a.failed()).isFalse();
    assertThat(b.plan()).isSameAs(a.plan());
    assertThat(again).isSameAs(a);
    assertThat(preparer.cachedCount()).isEqualTo(1);
  }

  @Test
  void operationNameIsPartOfTheKey() {
    String doc = "query A { product(id: \"1\") { name } } query B { warehouses { id } }";
    PreparedOperation a = preparer.prepare(doc, "A");
    PreparedOperation b = preparer.prepare(doc, "B");
    assertThat(a.plan()).isNotEqualTo(b.plan());
    assertThat(a.operation().getName()).isEqualTo("A");
    assertThat(b.operation().getName()).isEqualTo("B");
  }

  @Test
  void parseAndValidationErrorsCarryCodesAndLocations() {
    PreparedOperation parse = preparer.prepare("{ product(id: ", null);
    assertThat(parse.errors()).hasSize(1);
    assertThat(parse.errors().get(0).get("extensions").toString())
        .contains(GraphQLErrors.PARSE_FAILED);
    PreparedOperation invalid = preparer.prepare("{ product(id: \"1\") { nope } }", null);
    assertThat(invalid.errors().get(0).get("extensions").toString())
        .contains(GraphQLErrors.VALIDATION_FAILED);
    assertThat(invalid.errors().get(0)).containsKey("locations");
    PreparedOperation hidden =
        preparer.prepare(
            "mutation { creditPoints(customerId: \"c\", amount: 1, reason: \"r\") { id } }", null);
    assertThat(hidden.failed()).as("@inaccessible fields are not in the API").isTrue();
  }

  @Test
  void ambiguousOperationNeedsAName() {
    PreparedOperation p =
        preparer.prepare("query A { warehouses { id } } query B { warehouses { id } }", null);
    assertThat(p.failed()).isTrue();
    assertThat(p.errors().get(0).get("message").toString()).contains("operation name");
  }

  @Test
  void theIntrospectionQueryFitsTheDefaultLimits() {
    String query = graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY;
    assertThat(preparer.prepare(query, "IntrospectionQuery").failed()).isFalse();
    Map<String, Object> error =
        new OperationLimits(100, 0, 200, 100, 200, 15_000, 500)
            .check(graphql.parser.Parser.parse(query));
    // 189 fields with graphql-java 25's query: well under the default height of 1000
    assertThat(((Map<?, ?>) error.get("extensions")).get("measured")).isEqualTo(189L);
  }
}
