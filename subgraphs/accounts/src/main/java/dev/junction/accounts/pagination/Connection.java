package dev.junction.accounts.pagination;

import java.util.List;
import java.util.function.Function;

/**
 * A Relay-style page of nodes ({@code CustomerConnection}, {@code LoyaltyLedgerConnection}).
 *
 * @param <T> the node type
 */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {

  /** One node with its cursor. */
  public record Edge<T>(String cursor, T node) {}

  /** Whether more nodes follow, and the cursor to continue after. */
  public record PageInfo(boolean hasNextPage, String endCursor) {}

  /**
   * Builds a page from up to {@code size + 1} rows fetched in order: the extra row only tells that
   * there is a next page.
   */
  public static <T> Connection<T> of(List<T> rows, int size, Function<T, String> cursorOf) {
    List<T> page = rows.size() > size ? rows.subList(0, size) : rows;
    List<Edge<T>> edges = page.stream().map(n -> new Edge<>(cursorOf.apply(n), n)).toList();
    String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
    return new Connection<>(edges, new PageInfo(rows.size() > size, end));
  }
}
