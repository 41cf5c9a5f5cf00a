package dev.junction.client.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.client.generator.ApiSchemas;
import dev.junction.client.generator.ResponseValidator;
import graphql.schema.GraphQLSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Stubbed gateway responses: each lives in {@code src/test/resources/stubs/<Operation>.<case>.json}
 * and is validated against the API schema and the operation's selection set before use.
 */
final class Stubs {
  static final ObjectMapper JSON = new ObjectMapper();
  static final GraphQLSchema SCHEMA =
      ApiSchemas.fromSupergraph(Path.of(System.getProperty("junction.supergraph")));
  static final ResponseValidator VALIDATOR = new ResponseValidator(SCHEMA);
  static final Map<String, String> DOCUMENTS =
      Map.of(
          BrowseProductsQuery.OPERATION_NAME, BrowseProductsQuery.DOCUMENT,
          ProductByBarcodeQuery.OPERATION_NAME, ProductByBarcodeQuery.DOCUMENT,
          CustomerWithOrdersQuery.OPERATION_NAME, CustomerWithOrdersQuery.DOCUMENT,
          RegisterCustomerMutation.OPERATION_NAME, RegisterCustomerMutation.DOCUMENT,
          PlaceOrderMutation.OPERATION_NAME, PlaceOrderMutation.DOCUMENT,
          CustomerLoyaltyQuery.OPERATION_NAME, CustomerLoyaltyQuery.DOCUMENT,
          OrderStatusSubscription.OPERATION_NAME, OrderStatusSubscription.DOCUMENT,
          StockChangedSubscription.OPERATION_NAME, StockChangedSubscription.DOCUMENT);
  static final List<String> ALL =
      List.of(
          "BrowseProducts.ok.json",
          "ProductByBarcode.ok.json",
          "ProductByBarcode.bad-input.json",
          "ProductByBarcode.apq-not-found.json",
          "CustomerWithOrders.ok.json",
          "CustomerWithOrders.partial.json",
          "RegisterCustomer.ok.json",
          "PlaceOrder.ok.json");

  private Stubs() {}

  /** The stub's body after validation; fails the test if it does not match schema + operation. */
  static String body(String file) {
    String text = raw(file);
    String operation = file.substring(0, file.indexOf('.'));
    String document = DOCUMENTS.get(operation);
    if (document == null) {
      throw new AssertionError(file + ": no operation named " + operation);
    }
    List<String> problems;
    try {
      problems = VALIDATOR.validate(document, JSON.readTree(text));
    } catch (IOException e) {
      throw new AssertionError(file + " is not JSON", e);
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          file
              + " does not match the API schema / "
              + operation
              + ":\n  "
              + String.join("\n  ", problems));
    }
    return text;
  }

  static String raw(String file) {
    try (InputStream in = Stubs.class.getResourceAsStream("/stubs/" + file)) {
      if (in == null) {
        throw new AssertionError("missing stub " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode tree(String file) {
    try {
      return JSON.readTree(raw(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
