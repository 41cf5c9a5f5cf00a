package dev.junction.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every stub is checked against the API schema; the validator itself rejects broken bodies. */
class StubContractTest {

  static List<String> stubs() {
    return Stubs.ALL;
  }

  @ParameterizedTest
  @MethodSource("stubs")
  void everyStubMatchesTheSchemaAndItsOperation(String file) {
    assertThat(Stubs.body(file)).isNotBlank();
  }

  @Test
  void validatorRejectsMissingNonNullUnknownAndMistypedFields() {
    ObjectNode response = (ObjectNode) Stubs.tree("ProductByBarcode.ok.json");
    ObjectNode product = (ObjectNode) response.get("data").get("productByBarcode");
    product.remove("sku");
    product.put("colour", "green");
    product.put("weightGrams", "250g");
    ((ObjectNode) product.get("stock")).putNull("available");
    ((ObjectNode) product.get("price")).put("amount", "twelve");

    List<String> problems = Stubs.VALIDATOR.validate(ProductByBarcodeQuery.DOCUMENT, response);

    assertThat(problems)
        .containsExactlyInAnyOrder(
            "data.productByBarcode.colour: not selected by the operation (unknown field)",
            "data.productByBarcode.sku: selected field is missing",
            "data.productByBarcode.weightGrams: \"250g\" is not a valid Int",
            "data.productByBarcode.stock.available: null in a non-null position (Int!)",
            "data.productByBarcode.price.amount: \"twelve\" is not a valid Decimal");
  }

  @Test
  void validatorRejectsUnknownEnumValuesAndBadDateTimes() {
    ObjectNode response = (ObjectNode) Stubs.tree("CustomerWithOrders.ok.json");
    ObjectNode customer = (ObjectNode) response.get("data").get("customer");
    customer.put("tier", "DIAMOND");
    customer.put("createdAt", "yesterday");
    ArrayNode edges = (ArrayNode) customer.get("orders").get("edges");
    ((ObjectNode) edges.get(0).get("node")).put("status", 3);

    assertThat(Stubs.VALIDATOR.validate(CustomerWithOrdersQuery.DOCUMENT, response))
        .containsExactlyInAnyOrder(
            "data.customer.tier: \"DIAMOND\" is not a value of enum CustomerTier",
            "data.customer.createdAt: \"yesterday\" is not a valid DateTime",
            "data.customer.orders.edges[0].node.status: 3 is not a value of enum OrderStatus");
  }

  @Test
  void aStubForTheWrongOperationFails() {
    assertThat(
            Stubs.VALIDATOR.validate(
                BrowseProductsQuery.DOCUMENT, Stubs.tree("ProductByBarcode.ok.json")))
        .contains(
            "data.productByBarcode: not selected by the operation (unknown field)",
            "data.products: selected field is missing");
  }
}
