package dev.junction.composition.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule with a change that triggers it ("failing") and a near-identical change that must not
 * ("passing").
 */
class SchemaDiffTest {

  private static final String BASE =
      """
      type Query {
        product(id: ID!, currency: String = "EUR"): Product
        search(filter: Filter): [Result]
        colour: Colour
        name: String!
        tags: [String!]!
      }
      interface Node { id: ID! }
      type Product implements Node { id: ID! name: String price: Int! }
      type Book { id: ID! }
      type Movie { id: ID! }
      union Result = Book | Movie
      enum Colour { RED GREEN }
      input Filter { text: String limit: Int = 10 max: Int! }
      """;

  static Stream<Arguments> rules() {
    return Stream.of(
        // rule, severity, coordinate, triggering edit, non-triggering edit
        rule(
            "TYPE_REMOVED",
            Severity.BREAKING,
            "Movie",
            e("type Movie { id: ID! }", "").and("Book | Movie", "Book"),
            e("type Movie { id: ID! }", "type Movie { id: ID! year: Int }")),
        rule(
            "TYPE_ADDED",
            Severity.SAFE,
            "Song",
            e("type Movie { id: ID! }", "type Movie { id: ID! } type Song { id: ID! }"),
            e("type Movie { id: ID! }", "type Movie { id: ID! }")),
        rule(
            "TYPE_KIND_CHANGED",
            Severity.BREAKING,
            "Movie",
            e("type Movie { id: ID! }", "interface Movie { id: ID! }").and("Book | Movie", "Book"),
            e("type Movie { id: ID! }", "type Movie { id: ID }")),
        rule(
            "FIELD_REMOVED",
            Severity.BREAKING,
            "Product.price",
            e(" price: Int!", ""),
            e(" price: Int!", " price: Int! weight: Int")),
        rule(
            "FIELD_ADDED",
            Severity.SAFE,
            "Product.weight",
            e(" price: Int!", " price: Int! weight: Int"),
            e(" price: Int!", " price: Int!")),
        rule(
            "FIELD_MADE_NULLABLE",
            Severity.BREAKING,
            "Product.price",
            e("price: Int!", "price: Int"),
            e("name: String price", "name: String! price")),
        rule(
            "FIELD_TYPE_CHANGED_SAFE",
            Severity.SAFE,
            "Product.name",
            e("name: String price", "name: String! price"),
            e("price: Int!", "price: Int!")),
        rule(
            "FIELD_TYPE_CHANGED",
            Severity.BREAKING,
            "Product.price",
            e("price: Int!", "price: String!"),
            e("price: Int!", "price: Int!")),
        rule(
            "ARGUMENT_REMOVED",
            Severity.BREAKING,
            "Query.product(currency:)",
            e(", currency: String = \"EUR\"", ""),
            e("currency: String = \"EUR\"", "currency: String = \"EUR\", x: Int")),
        rule(
            "REQUIRED_ARGUMENT_ADDED",
            Severity.BREAKING,
            "Query.product(region:)",
            e("id: ID!,", "id: ID!, region: String!,"),
            e("id: ID!,", "id: ID!, region: String! = \"EU\",")),
        rule(
            "OPTIONAL_ARGUMENT_ADDED",
            Severity.SAFE,
            "Query.product(region:)",
            e("id: ID!,", "id: ID!, region: String,"),
            e("id: ID!,", "id: ID!,")),
        rule(
            "ARGUMENT_MADE_REQUIRED",
            Severity.BREAKING,
            "Query.product(currency:)",
            e("currency: String =", "currency: String! ="),
            e("currency: String =", "currency: String =")),
        rule(
            "ARGUMENT_TYPE_CHANGED_SAFE",
            Severity.SAFE,
            "Query.product(id:)",
            e("product(id: ID!", "product(id: ID"),
            e("product(id: ID!", "product(id: ID!")),
        rule(
            "ARGUMENT_TYPE_CHANGED",
            Severity.BREAKING,
            "Query.product(id:)",
            e("product(id: ID!", "product(id: Int!"),
            e("product(id: ID!", "product(id: ID")),
        rule(
            "ARGUMENT_DEFAULT_CHANGED",
            Severity.DANGEROUS,
            "Query.product(currency:)",
            e("= \"EUR\"", "= \"USD\""),
            e("= \"EUR\"", "= \"EUR\"")),
        rule(
            "INPUT_FIELD_REMOVED",
            Severity.BREAKING,
            "Filter.text",
            e("input Filter { text: String ", "input Filter { "),
            e("input Filter { text: String ", "input Filter { text: String extra: Int ")),
        rule(
            "REQUIRED_INPUT_FIELD_ADDED",
            Severity.BREAKING,
            "Filter.min",
            e("max: Int! }", "max: Int! min: Int! }"),
            e("max: Int! }", "max: Int! min: Int! = 0 }")),
        rule(
            "OPTIONAL_INPUT_FIELD_ADDED",
            Severity.SAFE,
            "Filter.min",
            e("max: Int! }", "max: Int! min: Int }"),
            e("max: Int! }", "max: Int! }")),
        rule(
            "INPUT_FIELD_MADE_REQUIRED",
            Severity.BREAKING,
            "Filter.text",
            e("text: String limit", "text: String! limit"),
            e("text: String limit", "text: String limit")),
        rule(
            "INPUT_FIELD_TYPE_CHANGED_SAFE",
            Severity.SAFE,
            "Filter.max",
            e("max: Int!", "max: Int"),
            e("max: Int!", "max: Int!")),
        rule(
            "INPUT_FIELD_DEFAULT_CHANGED",
            Severity.DANGEROUS,
            "Filter.limit",
            e("limit: Int = 10", "limit: Int = 20"),
            e("limit: Int = 10", "limit: Int = 10")),
        rule(
            "ENUM_VALUE_REMOVED",
            Severity.BREAKING,
            "Colour.GREEN",
            e("RED GREEN", "RED"),
            e("RED GREEN", "RED GREEN BLUE")),
        rule(
            "ENUM_VALUE_ADDED",
            Severity.DANGEROUS,
            "Colour.BLUE",
            e("RED GREEN", "RED GREEN BLUE"),
            e("RED GREEN", "GREEN RED")),
        rule(
            "UNION_MEMBER_REMOVED",
            Severity.BREAKING,
            "Result",
            e("Book | Movie", "Book"),
            e("Book | Movie", "Movie | Book")),
        rule(
            "UNION_MEMBER_ADDED",
            Severity.DANGEROUS,
            "Result",
            e("Book | Movie", "Book | Movie | Product"),
            e("Book | Movie", "Book | Movie")),
        rule(
            "INTERFACE_REMOVED",
            Severity.BREAKING,
            "Product",
            e("Product implements Node", "Product"),
            e("Product implements Node", "Product implements Node")),
        rule(
            "INTERFACE_ADDED",
            Severity.DANGEROUS,
            "Book",
            e("type Book {", "type Book implements Node {"),
            e("type Book {", "type Book {")),
        rule(
            "DEPRECATED",
            Severity.SAFE,
            "Product.name",
            e("name: String price", "name: String @deprecated(reason: \"use title\") price"),
            e("name: String price", "name: String price")),
        rule(
            "UNDEPRECATED",
            Severity.SAFE,
            "Query.name",
            e("name: String! @deprecated", "name: String!")
                .base("name: String!", "name: String! @deprecated"),
            e("name: String! @deprecated", "name: String! @deprecated(reason: \"x\")")
                .base("name: String!", "name: String! @deprecated")));
  }

  record Edit(List<String[]> replacements, String[] baseEdit) {
    Edit and(String from, String to) {
      List<String[]> all = new java.util.ArrayList<>(replacements);
      all.add(new String[] {from, to});
      return new Edit(all, baseEdit);
    }

    Edit base(String from, String to) {
      return new Edit(replacements, new String[] {from, to});
    }

    String before() {
      return baseEdit == null ? BASE : BASE.replace(baseEdit[0], baseEdit[1]);
    }

    String after() {
      String s = before();
      for (String[] r : replacements) {
        if (!s.contains(r[0])) {
          throw new IllegalStateException("edit target not found: " + r[0]);
        }
        s = s.replace(r[0], r[1]);
      }
      return s;
    }
  }

  static Edit e(String from, String to) {
    return new Edit(List.<String[]>of(new String[] {from, to}), null);
  }

  static Arguments rule(String rule, Severity s, String coordinate, Edit failing, Edit passing) {
    return Arguments.of(rule, s, coordinate, failing, passing);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void ruleFiresOnlyWhenItApplies(
      String rule, Severity severity, String coordinate, Edit failing, Edit passing) {
    List<SchemaChange> fired = SchemaDiff.diff(failing.before(), failing.after());
    assertThat(fired)
        .as("changes for the triggering edit")
        .anySatisfy(
            c -> {
              assertThat(c.rule()).isEqualTo(rule);
              assertThat(c.severity()).isEqualTo(severity);
              assertThat(c.coordinate()).isEqualTo(coordinate);
              assertThat(c.message()).isNotBlank();
            });
    assertThat(SchemaDiff.diff(passing.before(), passing.after()))
        .as("changes for the non-triggering edit")
        .noneMatch(c -> c.rule().equals(rule) && c.coordinate().equals(coordinate));
  }
}
