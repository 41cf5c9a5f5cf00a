package dev.junction.client;

/** The kind of a GraphQL operation. Only queries are ever retried. */
public enum OperationType {
  QUERY,
  MUTATION,
  SUBSCRIPTION;

  /** The keyword as written in a document ({@code query}, {@code mutation}, ...). */
  public String keyword() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
