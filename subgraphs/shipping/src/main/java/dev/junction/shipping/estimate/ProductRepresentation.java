package dev.junction.shipping.estimate;

import dev.junction.subgraph.common.error.SubgraphException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Reads a {@code Product} representation: {@code id} plus the fields that {@code shippingEstimate}
 * requires ({@code weightGrams dimensions { lengthMm widthMm heightMm }}), which the gateway must
 * send. A missing or malformed field is a {@code BAD_USER_INPUT} error that names it.
 */
final class ProductRepresentation {
  private ProductRepresentation() {}

  static Product parse(Map<String, Object> representation) {
    Object id = representation.get("id");
    if (!(id instanceof String productId) || productId.isBlank()) {
      throw SubgraphException.badInput("Product representation needs a non-empty string id");
    }
    int weight = positiveInt(productId, "weightGrams", representation.get("weightGrams"));
    Object dims = representation.get("dimensions");
    if (dims == null) {
      throw missing(productId, "dimensions");
    }
    if (!(dims instanceof Map<?, ?> d)) {
      throw SubgraphException.badInput(
          "Product representation " + productId + ": dimensions must be an object");
    }
    return new Product(
        productId,
        weight,
        new Dimensions(
            positiveInt(productId, "dimensions.lengthMm", d.get("lengthMm")),
            positiveInt(productId, "dimensions.widthMm", d.get("widthMm")),
            positiveInt(productId, "dimensions.heightMm", d.get("heightMm"))));
  }

  private static int positiveInt(String productId, String field, Object value) {
    if (value == null) {
      throw missing(productId, field);
    }
    if (value instanceof Number n) {
      try {
        int i = new BigDecimal(n.toString()).intValueExact();
        if (i > 0) {
          return i;
        }
      } catch (ArithmeticException | NumberFormatException e) {
        // not an int: reported below
      }
    }
    throw SubgraphException.badInput(
        "Product representation "
            + productId
            + ": "
            + field
            + " must be a positive integer, got "
            + value);
  }

  private static SubgraphException missing(String productId, String field) {
    return SubgraphException.badInput(
        "Product representation "
            + productId
            + " is missing "
            + field
            + " (required by shippingEstimate: the gateway must send"
            + " weightGrams dimensions { lengthMm widthMm heightMm })");
  }
}
