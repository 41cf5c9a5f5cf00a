package dev.junction.gateway.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorizationRulesTest {
  private static final String SDL =
      """
      directive @join__field(graph: String, requires: String) repeatable on FIELD_DEFINITION
      directive @authenticated on FIELD_DEFINITION | OBJECT
      directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT
      type Product {
        upc: ID!
        cost: Int @authenticated
        supplier: Supplier
        margin: Int @join__field(graph: "b", requires: "cost")
        label: String @join__field(graph: "c", requires: "margin supplier { name }")
        weightLabel: String @join__field(graph: "b", requires: "upc")
      }
      type Supplier {
        name: String @requiresScopes(scopes: [["suppliers:read"]])
      }
      """;

  @Test
  void aFieldComputedFromProtectedFieldsInheritsTheirRequirementsTransitively() {
    AuthorizationRules rules = AuthorizationRules.of(SDL);
    assertThat(rules.field("Product", "margin", "Int").authenticated()).isTrue();
    Requirement label = rules.field("Product", "label", "String");
    assertThat(label.authenticated()).isTrue();
    assertThat(label.scopes()).isEqualTo(List.of(Set.of("suppliers:read")));
    assertThat(rules.field("Product", "weightLabel", "String").none()).isTrue();
    assertThat(rules.field("Product", "upc", "ID").none()).isTrue();
  }
}
