package dev.junction.subgraph.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Errors graphql-java raises about the server's own faults never reach a client with their internal
 * wording: a generic message with the request id, the path, and {@code INTERNAL_SERVER_ERROR}.
 * Domain errors and request errors keep their messages.
 */
class InternalErrorMaskingTest {
  private final GraphQL graphql =
      GraphQL.newGraphQL(schema())
          .instrumentation(new ErrorCodeInstrumentation())
          .defaultDataFetcherExceptionHandler(new SubgraphExceptionHandler())
          .build();

  private static GraphQLSchema schema() {
    String sdl =
        "type Query { order: Order! missing: String! failing: String domain: String"
            + " count: Int! }\n"
            + "type Order { id: ID! }";
    DataFetcher<Object> nothing = env -> null;
    RuntimeWiring wiring =
        RuntimeWiring.newRuntimeWiring()
            .type(
                "Query",
                t ->
                    t.dataFetcher("order", nothing)
                        .dataFetcher("missing", nothing)
                        .dataFetcher(
                            "failing",
                            env -> {
                              throw new IllegalStateException("SELECT secret FROM internal_table");
                            })
                        .dataFetcher(
                            "domain",
                            env -> {
                              throw SubgraphException.notFound("No order with id x");
                            })
                        .dataFetcher("count", env -> "not a number"))
            .build();
    return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring);
  }

  private Map<String, Object> error(String query) {
    ExecutionResult result = graphql.execute(ExecutionInput.newExecutionInput(query).build());
    assertThat(result.getErrors()).hasSize(1);
    return result.getErrors().get(0).toSpecification();
  }

  @SuppressWarnings("unchecked")
  private static void assertGeneric(Map<String, Object> error, String field) {
    Map<String, Object> extensions = (Map<String, Object>) error.get("extensions");
    assertThat(extensions).containsEntry("code", "INTERNAL_SERVER_ERROR");
    String requestId = (String) extensions.get("requestId");
    assertThat(requestId).isNotBlank();
    assertThat(error.get("message")).isEqualTo("Internal error (request id " + requestId + ")");
    assertThat(error.get("path")).isEqualTo(List.of(field));
  }

  @Test
  void aNullNonNullObjectFieldIsAGenericInternalError() {
    Map<String, Object> error = error("{ order { id } }");
    assertGeneric(error, "order");
    assertThat(error.toString()).doesNotContain("non null").doesNotContain("graphql");
  }

  @Test
  void aNullNonNullScalarFieldIsAGenericInternalError() {
    assertGeneric(error("{ missing }"), "missing");
  }

  @Test
  void anUnexpectedExceptionIsAGenericInternalError() {
    Map<String, Object> error = error("{ failing }");
    assertGeneric(error, "failing");
    assertThat(error.toString()).doesNotContain("SELECT").doesNotContain("IllegalState");
  }

  @Test
  void aValueThatDoesNotSerializeIsAGenericInternalError() {
    Map<String, Object> error = error("{ count }");
    assertGeneric(error, "count");
    assertThat(error.toString()).doesNotContain("not a number");
  }

  @Test
  @SuppressWarnings("unchecked")
  void domainAndRequestErrorsKeepTheirMessages() {
    Map<String, Object> domain = error("{ domain }");
    assertThat(domain.get("message")).isEqualTo("No order with id x");
    assertThat((Map<String, Object>) domain.get("extensions")).containsEntry("code", "NOT_FOUND");

    Map<String, Object> invalid = error("{ nope }");
    assertThat((String) invalid.get("message")).contains("nope");
    assertThat((Map<String, Object>) invalid.get("extensions"))
        .containsEntry("code", "GRAPHQL_VALIDATION_FAILED");
  }
}
