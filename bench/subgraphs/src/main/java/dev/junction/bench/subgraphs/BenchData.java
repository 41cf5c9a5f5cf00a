package dev.junction.bench.subgraphs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's data set ({@code data.json}: users, products, inventory, reviews), indexed for
 * the resolvers. Rows are unmodifiable maps; lookups by key return null for unknown keys.
 *
 * <p>The relations follow the reference (Guild) subgraphs: every review's author is the first user,
 * every user's {@code reviews} are the first two reviews, a product's reviews are those whose
 * {@code upc} matches, and {@code shippingEstimate} is computed from the inventory row's own price
 * and weight (the reference entity resolver keeps only {@code upc}, so it is null for this data).
 */
record BenchData(
    List<Map<String, Object>> users,
    List<Map<String, Object>> products,
    List<Map<String, Object>> reviews,
    Map<String, Map<String, Object>> usersById,
    Map<String, Map<String, Object>> productsByUpc,
    Map<String, Map<String, Object>> inventoryByUpc,
    Map<String, Map<String, Object>> reviewsById,
    Map<String, List<Map<String, Object>>> reviewsByUpc) {

  static BenchData load(Path file) throws IOException {
    Map<String, List<Map<String, Object>>> raw =
        new ObjectMapper().readValue(file.toFile(), new TypeReference<>() {});
    List<Map<String, Object>> users = rows(raw, "users");
    List<Map<String, Object>> products = rows(raw, "products");
    List<Map<String, Object>> inventory = rows(raw, "inventory");
    List<Map<String, Object>> reviews = rows(raw, "reviews");
    Map<String, List<Map<String, Object>>> byUpc = new LinkedHashMap<>();
    for (Map<String, Object> review : reviews) {
      byUpc.computeIfAbsent(str(review.get("upc")), k -> new ArrayList<>()).add(review);
    }
    byUpc.replaceAll((k, v) -> List.copyOf(v));
    return new BenchData(
        users,
        products,
        reviews,
        index(users, "id"),
        index(products, "upc"),
        index(inventory, "upc"),
        index(reviews, "id"),
        Collections.unmodifiableMap(byUpc));
  }

  /** The author of every review (the reference subgraph answers the first user). */
  Map<String, Object> author() {
    return users.isEmpty() ? null : users.get(0);
  }

  /** The reviews of every user (the reference subgraph answers the first two reviews). */
  List<Map<String, Object>> userReviews() {
    return reviews.subList(0, Math.min(2, reviews.size()));
  }

  /** A product's reviews (empty when it has none). */
  List<Map<String, Object>> productReviews(Object upc) {
    return reviewsByUpc.getOrDefault(str(upc), List.of());
  }

  /** The first {@code first} products (5 by default, as in the schema). */
  List<Map<String, Object>> topProducts(Integer first) {
    int n = first == null ? 5 : Math.max(0, first);
    return products.subList(0, Math.min(n, products.size()));
  }

  /** The reference formula over the inventory row's own price and weight. */
  static Integer shippingEstimate(Map<String, Object> inventoryRow) {
    if (inventoryRow == null || !(inventoryRow.get("price") instanceof Number price)) {
      return null;
    }
    if (price.longValue() > 1000) {
      return 0;
    }
    return inventoryRow.get("weight") instanceof Number weight ? weight.intValue() / 2 : null;
  }

  static String str(Object value) {
    return value == null ? null : value.toString();
  }

  private static List<Map<String, Object>> rows(
      Map<String, List<Map<String, Object>>> raw, String name) {
    List<Map<String, Object>> rows = raw.get(name);
    if (rows == null) {
      throw new IllegalArgumentException("data.json has no '" + name + "' array");
    }
    List<Map<String, Object>> out = new ArrayList<>(rows.size());
    for (Map<String, Object> row : rows) {
      out.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
    }
    return List.copyOf(out);
  }

  private static Map<String, Map<String, Object>> index(
      List<Map<String, Object>> rows, String key) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      out.put(str(row.get(key)), row);
    }
    return Collections.unmodifiableMap(out);
  }
}
