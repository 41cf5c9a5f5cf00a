package dev.junction.gateway.execution;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdVariablesTest {
  private static final GraphQLSchema SCHEMA =
      new SchemaGenerator()
          .makeExecutableSchema(
              new SchemaParser()
                  .parse(
                      "type Query { a(id: ID, ids: [ID!], f: Filter): Int }"
                          + " input Filter { id: ID, inner: Filter, name: String }"),
              RuntimeWiring.MOCKED_WIRING);

  private static String check(String query, Map<String, Object> values) {
    OperationDefinition op =
        Parser.parse(query).getDefinitionsOfType(OperationDefinition.class).get(0);
    return IdVariables.invalid(SCHEMA, op.getVariableDefinitions(), values);
  }

  private static Map<String, Object> vars(String name, Object value) {
    Map<String, Object> m = new HashMap<>();
    m.put(name, value);
    return m;
  }

  @Test
  void stringsAndIntegersAreIds() {
    for (Object ok : List.of("x", 7, 7L, new BigDecimal("3"), new BigDecimal("3.0"), 2.0)) {
      assertThat(check("query($id: ID!) { a(id: $id) }", vars("id", ok))).as("" + ok).isNull();
    }
    assertThat(check("query($id: ID) { a(id: $id) }", vars("id", null))).isNull();
    assertThat(check("query($ids: [ID!]) { a(ids: $ids) }", vars("ids", List.of("a", 1)))).isNull();
    assertThat(check("query($ids: [ID!]) { a(ids: $ids) }", vars("ids", "single"))).isNull();
  }

  @Test
  void listsObjectsFloatsAndBooleansAreNotIds() {
    for (Object bad :
        List.of(List.of(List.of(1)), Map.of("x", 1), 1.5, true, new BigDecimal("1.5"))) {
      assertThat(check("query($id: ID!) { a(id: $id) }", vars("id", bad)))
          .as("" + bad)
          .contains("$id")
          .contains("an ID is a string or an integer");
    }
    assertThat(check("query($ids: [ID!]) { a(ids: $ids) }", vars("ids", List.of("a", List.of()))))
        .contains("$ids");
    assertThat(
            check(
                "query($f: Filter) { a(f: $f) }",
                vars("f", Map.of("name", "n", "inner", Map.of("id", Map.of("deep", 1))))))
        .contains("$f");
    assertThat(check("query($f: Filter) { a(f: $f) }", vars("f", Map.of("id", "ok")))).isNull();
  }
}
