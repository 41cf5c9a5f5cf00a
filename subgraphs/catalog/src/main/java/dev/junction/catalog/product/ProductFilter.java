package dev.junction.catalog.product;

import dev.junction.subgraph.common.error.SubgraphException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code ProductFilter} input: a case-insensitive name fragment and an inclusive price range in
 * euros. Prices are compared in cents: {@code minPrice} rounds up and {@code maxPrice} rounds down,
 * so 9.999 as a minimum excludes 9.99.
 */
public record ProductFilter(String nameContains, BigDecimal minPrice, BigDecimal maxPrice) {
  /** A filter that matches everything. */
  public static final ProductFilter NONE = new ProductFilter(null, null, null);

  /** Validates the filter: prices must not be negative and the range must not be empty. */
  public ProductFilter {
    if (minPrice != null && minPrice.signum() < 0) {
      throw SubgraphException.badInput("filter.minPrice must not be negative, got " + minPrice);
    }
    if (maxPrice != null && maxPrice.signum() < 0) {
      throw SubgraphException.badInput("filter.maxPrice must not be negative, got " + maxPrice);
    }
    if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
      throw SubgraphException.badInput(
          "filter.minPrice ("
              + minPrice
              + ") must not be greater than maxPrice ("
              + maxPrice
              + ")");
    }
    if (nameContains != null && nameContains.isBlank()) {
      nameContains = null;
    }
  }

  /** Reads the GraphQL input object (a map of already coerced values). */
  public static ProductFilter from(Map<String, Object> input) {
    if (input == null) {
      return NONE;
    }
    return new ProductFilter(
        (String) input.get("nameContains"),
        (BigDecimal) input.get("minPrice"),
        (BigDecimal) input.get("maxPrice"));
  }

  /** The minimum price in cents (rounded up), or null. */
  public Long minCents() {
    return minPrice == null ? null : cents(minPrice, RoundingMode.CEILING);
  }

  /** The maximum price in cents (rounded down), or null. */
  public Long maxCents() {
    return maxPrice == null ? null : cents(maxPrice, RoundingMode.FLOOR);
  }

  /** A LIKE pattern for the lower-cased name fragment, with {@code !} as the escape character. */
  public String namePattern() {
    if (nameContains == null) {
      return null;
    }
    String escaped =
        nameContains
            .toLowerCase(Locale.ROOT)
            .replace("!", "!!")
            .replace("%", "!%")
            .replace("_", "!_");
    return "%" + escaped + "%";
  }

  private static long cents(BigDecimal euros, RoundingMode mode) {
    BigDecimal cents = euros.movePointRight(2).setScale(0, mode);
    if (cents.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return Long.MAX_VALUE;
    }
    return cents.longValueExact();
  }
}
