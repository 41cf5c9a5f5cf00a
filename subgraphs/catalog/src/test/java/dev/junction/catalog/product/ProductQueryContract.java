package dev.junction.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.catalog.CatalogIntegrationTest;
import dev.junction.subgraph.common.seed.SeedData;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalog's GraphQL API through the DGS query executor, on H2 and on PostgreSQL. */
abstract class ProductQueryContract extends CatalogIntegrationTest {
  static final String FIELDS =
      "id sku name description barcode weightGrams price { amount currency }"
          + " dimensions { lengthMm widthMm heightMm }";

  @Test
  void productByIdReturnsAllFields() {
    SeedData.Product seed = SeedData.products().get(2);
    ExecutionResult result =
        graphql.execute(
            "query($id: ID!) { product(id: $id) { " + FIELDS + " } }", vars("id", seed.id()));
    assertThat(result.getErrors()).isEmpty();
    Map<String, Object> product = field(result, "product");
    assertThat(product)
        .containsEntry("sku", seed.sku())
        .containsEntry("name", seed.name())
        .containsEntry("description", seed.description())
        .containsEntry("barcode", seed.barcode())
        .containsEntry("weightGrams", seed.weightGrams());
    assertThat(product.get("price"))
        .isEqualTo(
            Map.of(
                "amount",
                java.math.BigDecimal.valueOf(seed.priceCents(), 2).toPlainString(),
                "currency",
                "EUR"));
    assertThat(product.get("dimensions"))
        .isEqualTo(
            Map.of(
                "lengthMm",
                seed.lengthMm(),
                "widthMm",
                seed.widthMm(),
                "heightMm",
                seed.heightMm()));
  }

  @Test
  void unknownProductIsNullWithNotFound() {
    ExecutionResult result = graphql.execute("{ product(id: \"prod-999\") { id } }");
    assertThat(field(result, "product")).isNull();
    assertError(result, "NOT_FOUND", List.of("product"));
  }

  @Test
  void productBySkuFindsAndMisses() {
    SeedData.Product seed = SeedData.products().get(11);
    ExecutionResult hit = graphql.execute("{ productBySku(sku: \"" + seed.sku() + "\") { id } }");
    assertThat(hit.getErrors()).isEmpty();
    assertThat(field(hit, "productBySku")).containsEntry("id", seed.id());
    ExecutionResult miss = graphql.execute("{ productBySku(sku: \"JX-99999\") { id } }");
    assertThat(field(miss, "productBySku")).isNull();
    assertError(miss, "NOT_FOUND", List.of("productBySku"));
  }

  @Test
  void productByBarcodeValidatesEan13() {
    SeedData.Product seed = SeedData.products().get(20);
    ExecutionResult hit =
        graphql.execute("{ productByBarcode(barcode: \"" + seed.barcode() + "\") { id } }");
    assertThat(hit.getErrors()).isEmpty();
    assertThat(field(hit, "productByBarcode")).containsEntry("id", seed.id());

    String validUnknown = SeedData.ean13("123456789012");
    ExecutionResult miss =
        graphql.execute("{ productByBarcode(barcode: \"" + validUnknown + "\") { id } }");
    assertError(miss, "NOT_FOUND", List.of("productByBarcode"));

    assertThat(barcodeError("12345")).contains("13 digits");
    assertThat(barcodeError("40063813000A1")).contains("digits").contains("position 12");
    String wrongCheck =
        seed.barcode().substring(0, 12) + (char) ('0' + (seed.barcode().charAt(12) - '0' + 1) % 10);
    assertThat(barcodeError(wrongCheck)).contains("check digit");
  }

  @Test
  void paginatesThroughAllProductsInIdOrder() {
    List<String> ids = new ArrayList<>();
    String after = null;
    int pages = 0;
    boolean hasNext = true;
    while (hasNext && pages < 10) {
      ExecutionResult result =
          graphql.execute(
              "query($after: String) { products(first: 20, after: $after) {"
                  + " edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }",
              vars("after", after));
      assertThat(result.getErrors()).isEmpty();
      Map<String, Object> connection = field(result, "products");
      List<Map<String, Object>> edges = list(connection.get("edges"));
      edges.forEach(e -> ids.add((String) ((Map<?, ?>) e.get("node")).get("id")));
      Map<String, Object> pageInfo = map(connection.get("pageInfo"));
      hasNext = (Boolean) pageInfo.get("hasNextPage");
      after = (String) pageInfo.get("endCursor");
      assertThat(after).isEqualTo(edges.get(edges.size() - 1).get("cursor"));
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(ids).hasSize(50).isSorted().doesNotHaveDuplicates();
    assertThat(ids)
        .containsExactlyElementsOf(SeedData.products().stream().map(SeedData.Product::id).toList());
  }

  @Test
  void pageSizeZeroReturnsNoEdgesButKnowsMoreExist() {
    ExecutionResult result =
        graphql.execute(
            "{ products(first: 0) { edges { cursor } pageInfo { hasNextPage endCursor } } }");
    assertThat(result.getErrors()).isEmpty();
    Map<String, Object> connection = field(result, "products");
    assertThat(list(connection.get("edges"))).isEmpty();
    assertThat(map(connection.get("pageInfo")))
        .containsEntry("hasNextPage", true)
        .containsEntry("endCursor", null);
  }

  @Test
  void filtersByNameAndPrice() {
    ExecutionResult result =
        graphql.execute(
            "{ products(first: 100, filter: {nameContains: \"SOCK\", maxPrice: \"1000\"}) {"
                + " edges { node { name } } } }");
    assertThat(result.getErrors()).isEmpty();
    List<Map<String, Object>> edges = list(field(result, "products").get("edges"));
    assertThat(edges)
        .extracting(e -> map(e.get("node")).get("name"))
        .containsExactly("Merino Wool Socks");

    List<String> cheap =
        SeedData.products().stream()
            .filter(p -> p.priceCents() <= 3000)
            .map(SeedData.Product::id)
            .toList();
    ExecutionResult priced =
        graphql.execute(
            "{ products(first: 100, filter: {maxPrice: 30}) { edges { node { id price { amount } } } } }");
    assertThat(priced.getErrors()).isEmpty();
    assertThat(list(field(priced, "products").get("edges")))
        .extracting(e -> map(e.get("node")).get("id"))
        .containsExactlyElementsOf(cheap);
  }

  @Test
  void rejectsBadPaginationAndFilterInput() {
    assertError(
        graphql.execute("{ products(first: 101) { edges { cursor } } }"),
        "BAD_USER_INPUT",
        List.of("products"));
    assertError(
        graphql.execute("{ products(first: -1) { edges { cursor } } }"),
        "BAD_USER_INPUT",
        List.of("products"));
    assertError(
        graphql.execute("{ products(after: \"not a cursor!\") { edges { cursor } } }"),
        "BAD_USER_INPUT",
        List.of("products"));
    ExecutionResult inverted =
        graphql.execute(
            "{ products(filter: {minPrice: \"20.00\", maxPrice: \"10.00\"}) { edges { cursor } } }");
    assertError(inverted, "BAD_USER_INPUT", List.of("products"));
    assertThat(inverted.getErrors().get(0).getMessage()).contains("minPrice").contains("maxPrice");
    assertError(
        graphql.execute("{ products(filter: {minPrice: \"-1\"}) { edges { cursor } } }"),
        "BAD_USER_INPUT",
        List.of("products"));
  }

  @Test
  void malformedDecimalIsRejectedBeforeExecution() {
    ExecutionResult result =
        graphql.execute("{ products(filter: {minPrice: \"cheap\"}) { edges { cursor } } }");
    assertThat(result.getErrors()).hasSize(1);
    assertThat(result.getErrors().get(0).getMessage()).contains("cheap");
    // graphql-java rejects it during validation, before any data fetcher runs; the shared
    // ErrorCodeInstrumentation gives it a code.
    assertThat(result.getErrors().get(0).getPath()).isEqualTo(List.of("products"));
    assertThat(result.getErrors().get(0).getExtensions())
        .containsEntry("code", "GRAPHQL_VALIDATION_FAILED");
    assertThat(result.isDataPresent()).isFalse();
  }

  @Test
  void hundredEntityRepresentationsByIdCostOneSelect() {
    List<Map<String, Object>> representations = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      representations.add(Map.of("__typename", "Product", "id", SeedData.productId(i)));
    }
    statements.reset();
    ExecutionResult result = entities(representations);
    assertThat(statements.selects()).hasSize(1);

    List<Map<String, Object>> entities = list(((Map<?, ?>) result.getData()).get("_entities"));
    assertThat(entities).hasSize(100);
    for (int i = 0; i < 50; i++) {
      assertThat(entities.get(i)).containsEntry("id", SeedData.productId(i + 1));
    }
    assertThat(entities.subList(50, 100)).containsOnlyNulls();
    assertThat(result.getErrors()).hasSize(50);
    assertThat(result.getErrors())
        .allSatisfy(e -> assertThat(e.getExtensions()).containsEntry("code", "NOT_FOUND"));
    Set<Object> paths = new HashSet<>();
    result.getErrors().forEach(e -> paths.add(e.getPath()));
    assertThat(paths).contains(List.of("_entities", 50), List.of("_entities", 99));
  }

  @Test
  void entitiesResolveByEitherKeyWithOneSelectPerKeyKind() {
    List<SeedData.Product> seed = SeedData.products();
    List<Map<String, Object>> representations = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      SeedData.Product p = seed.get(i % 50);
      representations.add(
          i % 2 == 0
              ? Map.of("__typename", "Product", "id", p.id())
              : Map.of("__typename", "Product", "sku", p.sku()));
    }
    statements.reset();
    ExecutionResult result = entities(representations);
    assertThat(result.getErrors()).isEmpty();
    assertThat(statements.selects()).hasSize(2);
    List<Map<String, Object>> entities = list(((Map<?, ?>) result.getData()).get("_entities"));
    for (int i = 0; i < 100; i++) {
      SeedData.Product p = seed.get(i % 50);
      assertThat(entities.get(i)).containsEntry("id", p.id()).containsEntry("sku", p.sku());
    }
  }

  @Test
  void representationWithoutAKeyIsBadInput() {
    ExecutionResult result = entities(List.of(Map.of("__typename", "Product", "name", "x")));
    assertThat(result.getErrors()).isNotEmpty();
    assertThat(result.getErrors().get(0).getExtensions()).containsEntry("code", "BAD_USER_INPUT");
  }

  private ExecutionResult entities(List<Map<String, Object>> representations) {
    return graphql.execute(
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id sku name } } }",
        Map.of("r", representations));
  }

  private String barcodeError(String barcode) {
    ExecutionResult result =
        graphql.execute("{ productByBarcode(barcode: \"" + barcode + "\") { id } }");
    assertThat(field(result, "productByBarcode")).isNull();
    assertError(result, "BAD_USER_INPUT", List.of("productByBarcode"));
    return result.getErrors().get(0).getMessage();
  }

  static void assertError(ExecutionResult result, String code, List<Object> path) {
    assertThat(result.getErrors()).hasSize(1);
    GraphQLError error = result.getErrors().get(0);
    assertThat(error.getExtensions()).containsEntry("code", code);
    assertThat(error.getPath()).isEqualTo(path);
    assertThat(error.getMessage()).doesNotContain("Exception").doesNotContain("at dev.");
  }

  static Map<String, Object> vars(String name, Object value) {
    Map<String, Object> vars = new HashMap<>();
    vars.put(name, value);
    return vars;
  }

  static Map<String, Object> field(ExecutionResult result, String name) {
    Map<String, Object> data = result.getData();
    return data == null ? null : map(data.get(name));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object value) {
    return (List<Map<String, Object>>) value;
  }
}
