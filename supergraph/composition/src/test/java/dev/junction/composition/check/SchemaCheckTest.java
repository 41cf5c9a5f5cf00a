package dev.junction.composition.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Operation-aware checks, acknowledgements and the three output formats, on our API schema. */
class SchemaCheckTest {

  private static String api;

  private static final Map<String, String> OPERATIONS =
      Map.of(
          "customer.graphql",
          "query CustomerEmail($id: ID!) { customer(id: $id) { name email } }\n"
              + "query CustomerTierQ { customer(id: \"1\") { tier } }",
          "product.graphql",
          "query ProductName { product(id: \"p1\") { name } }",
          "broken.graphql",
          "query Broken { customer(id: \"1\") { noSuchField } }");

  @BeforeAll
  static void load() throws Exception {
    api = Files.readString(Path.of("").toAbsolutePath().resolve("../schema.graphql").normalize());
  }

  private static String removeCustomerEmail() {
    int at = api.indexOf("type Customer {");
    int email = api.indexOf("  email: String!\n", at);
    return api.substring(0, email) + api.substring(email + "  email: String!\n".length());
  }

  @Test
  void breakingChangeNamesTheOperationsItBreaksAndFailsUnacknowledged() {
    CheckReport report =
        SchemaCheck.check(api, removeCustomerEmail(), OPERATIONS, Acknowledgements.none());
    assertThat(report.passed()).isFalse();
    CheckReport.Finding f = report.findings().get(0);
    assertThat(f.change().rule()).isEqualTo("FIELD_REMOVED");
    assertThat(f.change().coordinate()).isEqualTo("Customer.email");
    assertThat(f.operations()).containsExactly("CustomerEmail");
    assertThat(report.invalidOperations()).containsKey("broken.graphql");
    assertThat(report.text())
        .contains("FAILED", "FIELD_REMOVED", "CustomerEmail", "schema-acknowledgements.yaml")
        .doesNotContain("ProductName");
    assertThat(report.json())
        .contains(
            "\"passed\":false",
            "\"rule\":\"FIELD_REMOVED\"",
            "\"coordinate\":\"Customer.email\"",
            "\"operations\":[\"CustomerEmail\"]",
            "\"acknowledgement\":null");
    assertThat(report.markdown())
        .contains("### Schema check: FAILED", "| BREAKING | `FIELD_REMOVED` | `Customer.email`");
  }

  @Test
  void acknowledgedBreakingChangePasses() {
    Acknowledgements acks =
        Acknowledgements.parse(
            """
            acknowledgements:
              - rule: FIELD_REMOVED
                coordinate: Customer.email
                reason: Moved to the contact subgraph; clients migrated.
            """);
    CheckReport report = SchemaCheck.check(api, removeCustomerEmail(), OPERATIONS, acks);
    assertThat(report.passed()).isTrue();
    assertThat(report.findings().get(0).acknowledgement()).startsWith("Moved to");
    assertThat(report.json()).contains("\"passed\":true", "Moved to the contact subgraph");
  }

  @Test
  void acknowledgementOfAnotherChangeDoesNotCount() {
    Acknowledgements acks =
        Acknowledgements.parse(
            "acknowledgements:\n  - {rule: FIELD_REMOVED, coordinate: Customer.name, reason: x}\n");
    assertThat(SchemaCheck.check(api, removeCustomerEmail(), OPERATIONS, acks).passed()).isFalse();
  }

  @Test
  void acknowledgementWithoutReasonIsRejected() {
    assertThatThrownBy(
            () ->
                Acknowledgements.parse(
                    "acknowledgements:\n  - {rule: FIELD_REMOVED, coordinate: Customer.email}\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reason");
  }

  @Test
  void enumValueRemovalBreaksOperationsReadingTheEnum() {
    String changed = api.replaceFirst("(enum CustomerTier \\{[^}]*?)\\n\\s*PLATINUM", "$1");
    CheckReport report = SchemaCheck.check(api, changed, OPERATIONS, Acknowledgements.none());
    assertThat(report.findings())
        .anySatisfy(
            f -> {
              assertThat(f.change().rule()).isEqualTo("ENUM_VALUE_REMOVED");
              assertThat(f.change().coordinate()).isEqualTo("CustomerTier.PLATINUM");
              assertThat(f.operations()).containsExactly("CustomerTierQ");
            });
  }

  @Test
  void requiredArgumentAddedBreaksEveryOperationUsingTheField() {
    String changed = api.replace("customer(id: ID!)", "customer(id: ID!, tenant: String!)");
    CheckReport report = SchemaCheck.check(api, changed, OPERATIONS, Acknowledgements.none());
    CheckReport.Finding f = report.findings().get(0);
    assertThat(f.change().rule()).isEqualTo("REQUIRED_ARGUMENT_ADDED");
    assertThat(f.operations()).containsExactlyInAnyOrder("CustomerEmail", "CustomerTierQ");
  }

  @Test
  void safeAndDangerousChangesPass() {
    String changed =
        api.replace("type Customer {", "type Customer {\n  nickname: String")
            .replaceFirst("(enum CustomerTier \\{)", "$1\n  DIAMOND");
    CheckReport report = SchemaCheck.check(api, changed, OPERATIONS, Acknowledgements.none());
    assertThat(report.passed()).isTrue();
    assertThat(report.findings())
        .extracting(f -> f.change().rule())
        .containsExactlyInAnyOrder("ENUM_VALUE_ADDED", "FIELD_ADDED");
    assertThat(SchemaCheck.check(api, api, OPERATIONS, Acknowledgements.none()).markdown())
        .contains("No schema changes");
  }
}
