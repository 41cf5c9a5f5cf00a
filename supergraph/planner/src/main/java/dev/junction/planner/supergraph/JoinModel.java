package dev.junction.planner.supergraph;

/** The {@code join} spec facts of a supergraph, as records. */
public final class JoinModel {
  private JoinModel() {}

  /** A subgraph: the {@code join__Graph} enum value, its name and routing URL. */
  public record Graph(String enumValue, String name, String url) {}

  /**
   * One {@code @join__type}: the type exists in {@code graph}; {@code key} is a field set or null.
   */
  public record TypeInGraph(
      String graph, String key, boolean extension, boolean resolvable, boolean interfaceObject) {}

  /** One {@code @join__field}: how a field exists in {@code graph}. */
  public record FieldInGraph(
      String graph,
      String requires,
      String provides,
      String type,
      boolean external,
      String override,
      boolean usedOverridden) {}
}
