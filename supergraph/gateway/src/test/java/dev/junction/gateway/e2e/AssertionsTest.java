package dev.junction.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The response comparison and the requests.json checks catch what they must. */
class AssertionsTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) throws Exception {
    return E2ECase.JSON.readValue(text, java.util.LinkedHashMap.class);
  }

  @Test
  void dataIsComparedExactlyIncludingKeyOrder() throws Exception {
    Map<String, Object> expected = json("{\"data\": {\"a\": 1, \"b\": [true, null]}}");
    assertThat(
            ResponseComparator.compare(
                expected, json("{\"data\": {\"a\": 1, \"b\": [true, null]}}")))
        .isEmpty();
    assertThat(
            ResponseComparator.compare(
                expected, json("{\"data\": {\"b\": [true, null], \"a\": 1}}")))
        .hasSize(1);
    assertThat(
            ResponseComparator.compare(
                expected, json("{\"data\": {\"a\": 2, \"b\": [true, null]}}")))
        .hasSize(1);
    assertThat(ResponseComparator.compare(json("{\"errors\": []}"), json("{\"data\": null}")))
        .hasSize(1);
  }

  @Test
  void errorsMatchByPathCodeAndOptionalMessageInAnyOrder() throws Exception {
    Map<String, Object> expected =
        json(
            """
            {"data": null, "errors": [
              {"path": ["a", 0], "extensions": {"code": "X", "serviceName": "s"}},
              {"message": "boom", "extensions": {"code": "Y"}}]}
            """);
    Map<String, Object> actual =
        json(
            """
            {"errors": [
              {"message": "boom", "path": ["b"], "extensions": {"code": "Y", "more": 1}},
              {"message": "whatever", "path": ["a", 0], "extensions": {"code": "X", "serviceName": "s"}}],
             "data": null}
            """);
    assertThat(ResponseComparator.compare(expected, actual)).isEmpty();
    Map<String, Object> wrongPath =
        json(
            """
            {"data": null, "errors": [
              {"message": "boom", "extensions": {"code": "Y"}},
              {"path": ["a", 1], "extensions": {"code": "X", "serviceName": "s"}}]}
            """);
    assertThat(ResponseComparator.compare(expected, wrongPath)).hasSize(1);
    Map<String, Object> extraError =
        json(
            """
            {"data": null, "errors": [
              {"message": "boom", "extensions": {"code": "Y"}},
              {"path": ["a", 0], "extensions": {"code": "X", "serviceName": "s"}},
              {"message": "boom", "extensions": {"code": "Y"}}]}
            """);
    assertThat(ResponseComparator.compare(expected, extraError)).hasSize(1);
  }

  @Test
  void requestAssertionsCheckCountsRepresentationsVariablesAndSelections() throws Exception {
    FixtureSubgraph reviews =
        new FixtureSubgraph(
            "reviews",
            """
            extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
            type Query { top(n: Int): [Product] }
            type Product @key(fields: "upc") { upc: ID! reviews: [String] name: String }
            """,
            Map.of());
    Map<String, GraphQLSchema> schemas = Map.of("reviews", reviews.schema());
    RequestLog log = new RequestLog();
    String query =
        "query($representations: [_Any!]!, $n: Int) { _entities(representations: $representations)"
            + " { __typename ... on Product { __typename reviews } } }";
    log.completed(
        log.arrived(
            "reviews",
            query,
            Map.of(
                "n",
                3,
                "representations",
                List.of(
                    Map.of("__typename", "Product", "upc", "2"),
                    Map.of("__typename", "Product", "upc", "1"))),
            null,
            Map.of(),
            System.nanoTime()),
        "{}");
    Map<String, Object> ok =
        json(
            """
            {"totalRequests": 1, "sequence": ["reviews"], "serial": true, "subgraphs": {"reviews": {
              "count": 1, "selects": ["Product.reviews"], "notSelects": ["Product.name"],
              "requests": [{"variables": {"n": 3}, "operationType": "query", "representations": [
                {"upc": "1", "__typename": "Product"}, {"__typename": "Product", "upc": "2"}]}]}}}
            """);
    assertThat(RequestAssertions.check(ok, schemas, log)).isEmpty();
    Map<String, Object> wrong =
        json(
            """
            {"totalRequests": 2, "subgraphs": {"reviews": {
              "count": 2, "selects": ["Product.name"], "notSelects": ["Product.reviews"],
              "requests": [{"variables": {}, "representations": [{"__typename": "Product", "upc": "1"}]}]}}}
            """);
    assertThat(RequestAssertions.check(wrong, schemas, log)).hasSize(5);
  }
}
