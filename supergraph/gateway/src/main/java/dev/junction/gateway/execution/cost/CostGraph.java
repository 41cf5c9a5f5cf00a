package dev.junction.gateway.execution.cost;

import dev.junction.gateway.execution.cost.CostSchema.ListSize;
import graphql.language.Value;
import graphql.schema.GraphQLNamedType;
import java.util.Map;

/** The compiled cost graph of one operation: shared nodes, field items, sizes, conditions. */
final class CostGraph {
  private CostGraph() {}

  abstract static class Node {
    final int id;

    Node(int id) {
      this.id = id;
    }
  }

  /** A selection set for one run-time type (or for all of them): the sum of its items. */
  static final class Items extends Node {
    Object[] items; // FieldItem | Guarded

    Items(int id) {
      super(id);
    }
  }

  /** A selection set on an interface or union whose fragments narrow it: its costliest type. */
  static final class Max extends Node {
    final Node[] branches;

    Max(int id, Node[] branches) {
      super(id);
      this.branches = branches;
    }
  }

  /** Items or a fragment under {@code @skip}/{@code @include} on variables. */
  record Guarded(Condition condition, Object inner) {}

  /** {@code @skip(if: $skip)} and {@code @include(if: $include)} (either may be null). */
  record Condition(String skip, String include) {
    boolean excluded(Map<String, Object> variables) {
      return (skip != null && Boolean.TRUE.equals(variables.get(skip)))
          || (include != null && !Boolean.TRUE.equals(variables.get(include)));
    }
  }

  /**
   * The {@code @listSize} of one field occurrence: its slicing arguments, evaluated per request.
   */
  static final class Sizing {
    final int slot;
    final String where;
    final ListSize listSize;
    final Object[] explicit; // per slicing argument: Long, a Dynamic, or null (absent)
    final Long[] defaults; // per slicing argument: the argument's default, or null

    Sizing(int slot, String where, ListSize listSize, Object[] explicit, Long[] defaults) {
      this.slot = slot;
      this.where = where;
      this.listSize = listSize;
      this.explicit = explicit;
      this.defaults = defaults;
    }
  }

  /** A slicing argument value that comes (partly) from a variable: the literal and the path. */
  record Dynamic(Value<?> literal, String[] path) {}

  /** A weighted argument whose value holds variables: scored per request. */
  record ArgCost(Value<?> value, Long weight, GraphQLNamedType type) {}

  record FieldItem(
      long typeWeight,
      boolean list,
      Sizing sizedBy,
      Sizing own,
      Node children,
      long staticArgs,
      ArgCost[] dynamicArgs,
      Condition condition) {}
}
