package dev.junction.catalog.product;

import java.util.List;

/** A page of products (the {@code ProductConnection} GraphQL type). */
public record ProductConnection(List<Edge> edges, PageInfo pageInfo) {

  /** One product of a page with the cursor that points just after it. */
  public record Edge(String cursor, Product node) {}

  /** Whether more products follow and the cursor of the last one returned. */
  public record PageInfo(boolean hasNextPage, String endCursor) {}
}
