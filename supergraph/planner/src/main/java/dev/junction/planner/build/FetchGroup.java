package dev.junction.planner.build;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A fetch under construction: one subgraph request at one response path. */
final class FetchGroup {
  final int id;
  final String subgraph;
  final List<String> mergePath;
  final boolean entity;
  final SelectionTree tree = new SelectionTree();
  final Set<FetchGroup> dependsOn = new LinkedHashSet<>();

  /** The {@code @defer} fragment this group serves ({@link DeferPlanning}), or -1: the primary. */
  int defer = -1;

  /** Entity type name in {@code ... on X} → representation shape. */
  final Map<String, SelectionTree> inputs = new LinkedHashMap<>();

  /** Entity type name → the concrete types whose objects feed it. */
  final Map<String, Set<String>> inputTypes = new LinkedHashMap<>();

  /** Entity type name → typename to send instead ({@code @interfaceObject}), when any. */
  final Map<String, String> typenameAs = new LinkedHashMap<>();

  /** Conditions under which every field of this group sits; null until the first field. */
  Set<Cond> conditions;

  /** A {@code @skip}/{@code @include} condition on a variable. */
  record Cond(String variable, boolean expected) {}

  void addConditions(java.util.Collection<Cond> current) {
    if (conditions == null) {
      conditions = new LinkedHashSet<>(current);
    } else {
      conditions.retainAll(current);
    }
  }

  FetchGroup(int id, String subgraph, List<String> mergePath, boolean entity) {
    this.id = id;
    this.subgraph = subgraph;
    this.mergePath = List.copyOf(mergePath);
    this.entity = entity;
  }

  /** Whether this group (transitively) depends on {@code other}. */
  boolean dependsOnTransitively(FetchGroup other) {
    for (FetchGroup d : dependsOn) {
      if (d == other || d.dependsOnTransitively(other)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "FetchGroup#" + id + "(" + subgraph + " @ " + mergePath + ")";
  }
}
