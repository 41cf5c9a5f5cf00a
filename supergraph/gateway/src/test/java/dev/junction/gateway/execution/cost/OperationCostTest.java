package dev.junction.gateway.execution.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.execution.OperationPreparer;
import dev.junction.gateway.execution.PreparedOperation;
import dev.junction.gateway.execution.cost.OperationCost.CostException;
import dev.junction.planner.QueryPlanner;
import dev.junction.planner.supergraph.Supergraph;
import graphql.GraphQLContext;
import graphql.execution.RawVariables;
import graphql.execution.ValuesResolver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The static cost of operations against a hand-written supergraph with {@code @cost} and {@code
 * @listSize} as Apollo composition writes them (list size 10 unless said otherwise).
 */
class OperationCostTest {
  static final String SDL = read("src/test/resources/cost/supergraph.graphql");

  private final Costing shop = new Costing(SDL, 10);

  static String read(String path) {
    try {
      return Files.readString(Path.of(path));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Prepares operations as the gateway does and costs them. */
  static final class Costing {
    final Supergraph supergraph;
    final OperationPreparer preparer;
    final DemandControl control;

    Costing(String sdl, long listSize) {
      supergraph = Supergraph.parse(sdl);
      preparer =
          new OperationPreparer(supergraph.apiSchema().schema(), new QueryPlanner(supergraph));
      control =
          new DemandControl(
              new DemandControlConfig(
                  true,
                  DemandControlConfig.Mode.ENFORCE,
                  1000,
                  listSize,
                  DemandControlConfig.Expose.NEVER),
              supergraph.schema(),
              supergraph.apiSchema().schema(),
              new SimpleMeterRegistry(),
              "rejections");
    }

    PreparedOperation prepare(String query) {
      PreparedOperation p = preparer.prepare(query, null);
      assertThat(p.errors()).as(query).isEmpty();
      return p;
    }

    long cost(String query, Map<String, Object> variables) throws CostException {
      PreparedOperation p = prepare(query);
      Map<String, Object> coerced =
          ValuesResolver.coerceVariableValues(
                  supergraph.apiSchema().schema(),
                  p.operation().getVariableDefinitions(),
                  RawVariables.of(variables),
                  GraphQLContext.getDefault(),
                  Locale.ENGLISH)
              .toMap();
      return control.cost(p).evaluate(coerced, true);
    }

    long cost(String query) throws CostException {
      return cost(query, Map.of());
    }

    /** The cost with variables taken as they are (not coerced: they may be incomplete). */
    long costRaw(String query, Map<String, Object> variables) throws CostException {
      return control.cost(prepare(query)).evaluate(variables, true);
    }
  }

  private long cost(String query) throws CostException {
    return shop.cost(query);
  }

  private long cost(String query, Map<String, Object> variables) throws CostException {
    return shop.cost(query, variables);
  }

  @Test
  void objectsCostOneScalarsAndEnumsNothing() throws Exception {
    assertThat(cost("{ book(id: \"1\") { id title } }")).isEqualTo(1);
    assertThat(cost("{ book(id: \"1\") { heavy { id } } }")).isEqualTo(41);
    assertThat(cost("{ tags }")).isZero(); // 10 strings cost 10 x 0
  }

  @Test
  void listsMultiplyByTheConfiguredSizeAndNest() throws Exception {
    assertThat(cost("{ books { title } }")).isEqualTo(10);
    assertThat(cost("{ books { chapters { title } } }")).isEqualTo(10 * (1 + 10));
    assertThat(cost("{ books { chapters { notes { text } } } }"))
        .isEqualTo(10 * (1 + 10 * (1 + 10)));
    assertThat(new Costing(SDL, 3).cost("{ books { chapters { title } } }")).isEqualTo(3 * (1 + 3));
  }

  @Test
  void assumedSizeReplacesTheDefault() throws Exception {
    assertThat(cost("{ booksAssumed { id } }")).isEqualTo(5);
    assertThat(cost("{ booksAssumed { chapters { title } } }")).isEqualTo(5 * (1 + 10));
  }

  @Test
  void slicingArgumentsAsLiteralsVariablesDefaultsAndLists() throws Exception {
    assertThat(cost("{ booksFirst(first: 3) { id } }")).isEqualTo(3);
    assertThat(cost("{ booksFirst(last: 2) { chapters { title } } }")).isEqualTo(2 * 11);
    String byVariable = "query Q($n: Int) { booksFirst(first: $n) { id } }";
    assertThat(cost(byVariable, Map.of("n", 4))).isEqualTo(4);
    assertThat(cost(byVariable, Map.of("n", 400))).isEqualTo(400);
    assertThat(shop.control.cost(shop.prepare(byVariable)).dynamic()).isTrue();
    assertThat(cost("{ booksDefault { id } }")).isEqualTo(7);
    assertThat(cost("{ booksDefault(first: 2) { id } }")).isEqualTo(2);
    assertThat(cost("query Q($n: Int = 9) { booksDefault(first: $n) { id } }")).isEqualTo(9);
    assertThat(cost("{ booksByIds(ids: [\"a\", \"b\", \"c\"]) { id } }")).isEqualTo(3);
    assertThat(
            cost(
                "query Q($ids: [ID!]!) { booksByIds(ids: $ids) { id } }",
                Map.of("ids", List.of("a", "b", "c", "d"))))
        .isEqualTo(4);
  }

  @Test
  void requireOneSlicingArgumentIsEnforcedPerRequest() throws Exception {
    assertThatThrownBy(() -> cost("{ booksFirst { id } }"))
        .isInstanceOf(CostException.class)
        .hasMessageContaining("Query.booksFirst")
        .hasMessageContaining("(first, last), got 0");
    assertThatThrownBy(() -> cost("{ booksFirst(first: 1, last: 2) { id } }"))
        .hasMessageContaining("got 2");
    String q = "query Q($n: Int) { booksFirst(first: $n) { id } }";
    assertThatThrownBy(() -> cost(q, Map.of())).hasMessageContaining("got 0");
    PreparedOperation p = shop.prepare("{ booksFirst(first: 1, last: 20) { id } }");
    assertThat(shop.control.cost(p).lenientEstimate(Map.of())).isEqualTo(20);
  }

  @Test
  void nestedSlicingArgumentsInInputObjects() throws Exception {
    // 6 books, plus the arguments: SearchInput (1) + PageInput (1)
    assertThat(cost("{ search(input: {page: {first: 6}}) { id } }")).isEqualTo(6 + 2);
    assertThat(cost("{ search(input: {query: \"x\"}) { id } }")).isEqualTo(25 + 1);
    assertThat(
            cost(
                "query Q($in: SearchInput!) { search(input: $in) { id } }",
                Map.of("in", Map.of("page", Map.of("first", 3)))))
        .isEqualTo(3 + 2);
    assertThat(
            cost("query Q($f: Int) { search(input: {page: {first: $f}}) { id } }", Map.of("f", 12)))
        .isEqualTo(12 + 2);
  }

  @Test
  void sizedFieldsSizeTheListsOfAConnection() throws Exception {
    assertThat(cost("{ connection(first: 5) { edges { node { title } } total } }"))
        .isEqualTo(1 + 5 * (1 + 1));
    assertThat(cost("{ connection(first: 5) { edges { cursor } nodes { id } } }"))
        .isEqualTo(1 + 5 + 5);
    assertThat(
            cost(
                "query Q($n: Int) { connection(first: $n) { nodes { chapters { title } } } }",
                Map.of("n", 2)))
        .isEqualTo(1 + 2 * (1 + 10));
    assertThat(
            cost(
                "{ connection(first: 3) { ...C } } fragment C on BookConnection { edges { node { id } } }"))
        .isEqualTo(1 + 3 * 2);
    assertThat(cost("{ connection(first: 3) { ... on BookConnection { ... { nodes { id } } } } }"))
        .isEqualTo(1 + 3);
  }

  @Test
  void weightsOnFieldsTypesArgumentsInputFieldsEnumsAndScalars() throws Exception {
    assertThat(cost("{ weighted }")).isEqualTo(5);
    assertThat(cost("{ argWeighted(arg: 3) }")).isEqualTo(10);
    assertThat(cost("{ argWeighted }")).isZero(); // an argument not given costs nothing
    assertThat(cost("{ tier }")).isEqualTo(15);
    assertThat(cost("{ expensive }")).isEqualTo(30);
    assertThat(cost("{ heavy { id } }")).isEqualTo(40);
    assertThat(cost("{ heavyCheap { id } }")).isEqualTo(2); // the field's weight wins
    // 2 books + Filter (1) + costly (20)
    assertThat(cost("{ filtered(filter: {max: 2, costly: 1}) { id } }")).isEqualTo(2 + 21);
    assertThat(cost("{ filtered(filter: {max: 2, tier: GOLD}) { id } }")).isEqualTo(2 + 1 + 15);
    assertThat(cost("{ filtered(filter: {max: 2, costly: null}) { id } }")).isEqualTo(2 + 1);
    // a list argument: the weight of the list (the enum's 15) plus each item's
    assertThat(cost("{ byTiers(tiers: [GOLD, SILVER]) }")).isEqualTo(15 + 15 + 15);
    String vars =
        "query Q($f: Filter, $t: [Tier!]) { filtered(filter: $f) { id } byTiers(tiers: $t) }";
    assertThat(cost(vars, Map.of("f", Map.of("max", 1, "costly", 5), "t", List.of("GOLD"))))
        .isEqualTo(1 + 21 + 15 + 15);
    assertThat(cost(vars, Map.of())).isEqualTo(10); // no filter: 10 books, no argument cost
  }

  @Test
  void interfacesAndUnionsCostTheirCostliestPossibleType() throws Exception {
    String node =
        "{ node(id: \"1\") { id ... on Book { chapters { notes { text } } } "
            + "... on Film { cast { name } } } }";
    assertThat(cost(node)).isEqualTo(1 + 10 * (1 + 10));
    assertThat(cost("{ media { ... on Book { title } ... on Film { cast { name } } } }"))
        .isEqualTo(10 * (1 + 10));
    assertThat(
            cost(
                "{ media { ...B ...F } } fragment B on Book { heavy { id } } "
                    + "fragment F on Film { cast { name } }"))
        .isEqualTo(10 * (1 + 40));
    assertThat(cost("{ node(id: \"1\") { ... on Node { id } } }")).isEqualTo(1);
    assertThat(cost("{ media { __typename } }")).isEqualTo(10);
  }

  @Test
  void fragmentsCountOncePerSpreadAndAreCostedInLinearTime() throws Exception {
    assertThat(cost("{ books { ...B } } fragment B on Book { chapters { title } }"))
        .isEqualTo(10 * 11);
    assertThat(cost("{ book(id: \"1\") { ...A ...A } } fragment A on Book { heavy { id } }"))
        .isEqualTo(1 + 80);
    StringBuilder doc = new StringBuilder("{ book(id: \"1\") { ...F0 } }\n");
    int n = 40;
    for (int i = 0; i < n; i++) {
      doc.append("fragment F").append(i).append(" on Book { ...F").append(i + 1);
      doc.append(" ...F").append(i + 1).append(" }\n");
    }
    doc.append("fragment F").append(n).append(" on Book { heavy { id } }");
    // compiled directly: validation (which expands fragments) and the operation limits would
    // refuse the document long before the cost is looked at
    Supergraph supergraph = shop.supergraph;
    graphql.language.Document parsed = graphql.parser.Parser.parse(doc.toString());
    Map<String, graphql.language.FragmentDefinition> fragments = new java.util.HashMap<>();
    graphql.language.OperationDefinition op = null;
    for (var d : parsed.getDefinitions()) {
      if (d instanceof graphql.language.FragmentDefinition f) {
        fragments.put(f.getName(), f);
      } else if (d instanceof graphql.language.OperationDefinition o) {
        op = o;
      }
    }
    long start = System.nanoTime();
    OperationCost c =
        OperationCost.compile(
            CostSchema.of(supergraph.schema(), supergraph.apiSchema().schema()), op, fragments, 10);
    long estimate = c.evaluate(Map.of(), true);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(estimate).isEqualTo(1 + (1L << n) * 40);
    assertThat(millis).as("compiled and costed in %d ms", millis).isLessThan(200);
  }

  @Test
  void aliasesCountEachTime() throws Exception {
    assertThat(cost("{ a: heavy { id } b: heavy { id } c: weighted }")).isEqualTo(40 + 40 + 5);
  }

  @Test
  void skipAndIncludeOnLiteralsAndVariables() throws Exception {
    assertThat(cost("{ heavy @skip(if: true) { id } tier }")).isEqualTo(15);
    assertThat(cost("{ heavy @include(if: false) { id } tier }")).isEqualTo(15);
    assertThat(cost("{ heavy @skip(if: false) { id } }")).isEqualTo(40);
    String q =
        "query Q($s: Boolean!, $i: Boolean!) { heavy @skip(if: $s) { id } "
            + "... @include(if: $i) { tier } ...W @include(if: $i) } fragment W on Query { weighted }";
    assertThat(cost(q, Map.of("s", true, "i", true))).isEqualTo(15 + 5);
    assertThat(cost(q, Map.of("s", false, "i", false))).isEqualTo(40);
    assertThat(cost(q, Map.of("s", false, "i", true))).isEqualTo(40 + 15 + 5);
  }

  @Test
  void mutationsAddTenPerOperation() throws Exception {
    assertThat(cost("mutation { addBook(title: \"x\") { id } }")).isEqualTo(10 + 1);
    assertThat(cost("mutation { addBook(title: \"x\") { id } removeBook(id: \"1\") }"))
        .isEqualTo(10 + 1);
  }

  @Test
  void introspectionAndTypenameAreFree() throws Exception {
    assertThat(cost("{ __typename __schema { types { name fields { name } } } }")).isZero();
    assertThat(cost("{ __type(name: \"Book\") { fields { type { name } } } }")).isZero();
  }

  @Test
  void anOperationWithoutVariablePartsIsCostedOnce() throws Exception {
    PreparedOperation p = shop.prepare("query Q($id: ID!) { book(id: $id) { heavy { id } } }");
    OperationCost c = shop.control.cost(p);
    assertThat(c.dynamic()).isFalse(); // an ID variable cannot change the cost
    assertThat(c.evaluate(Map.of("id", "1"), true)).isEqualTo(41);
    assertThat(shop.control.cost(p)).isSameAs(c);
  }

  @Test
  void hugeSizesSaturateInsteadOfOverflowing() throws Exception {
    String q = "query Q($n: Int) { booksFirst(first: $n) { chapters { notes { text } } } }";
    long c = cost(q, Map.of("n", Integer.MAX_VALUE));
    assertThat(c).isGreaterThan(1_000_000_000L);
    assertThat(
            cost(
                "query Q($n: Int) { connection(first: $n) { nodes { chapters { notes { text } } } } }",
                Map.of("n", Integer.MAX_VALUE)))
        .isPositive();
  }
}
