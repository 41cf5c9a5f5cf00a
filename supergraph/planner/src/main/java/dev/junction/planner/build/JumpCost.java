package dev.junction.planner.build;

import dev.junction.planner.supergraph.FieldSets;
import dev.junction.planner.supergraph.JoinModel.FieldInGraph;
import dev.junction.planner.supergraph.Supergraph;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLFieldDefinition;
import java.util.List;
import java.util.Map;

/**
 * Estimates, without planning, how many entity jumps a subgraph needs to serve a selection: one for
 * every selection set holding a field the subgraph cannot resolve there. Used to choose between
 * subgraphs that can all serve a field (a {@code @shareable} root or entity field).
 */
final class JumpCost {
  private static final int MAX_DEPTH = 32;

  /** The cost of a selection a subgraph cannot serve even with entity jumps. */
  static final int UNREACHABLE = 10_000;

  private final Supergraph sg;
  private final Map<String, FragmentDefinition> fragments;
  private final Resolvability can;

  JumpCost(Supergraph sg, Map<String, FragmentDefinition> fragments, Resolvability can) {
    this.sg = sg;
    this.fragments = fragments;
    this.can = can;
  }

  /** The jumps below field {@code f} of {@code type} when {@code subgraph} resolves the field. */
  int below(String subgraph, String type, Field f, Provided provided) {
    return below(subgraph, type, f, provided, 0);
  }

  private int below(String subgraph, String type, Field f, Provided provided, int depth) {
    GraphQLFieldDefinition def = sg.field(type, f.getName());
    if (def == null || f.getSelectionSet() == null || depth > MAX_DEPTH) {
      return 0;
    }
    Provided child = provided == null ? null : provided.child(type, f.getName());
    FieldInGraph fig = sg.fieldInGraph(type, f.getName(), subgraph);
    if (fig != null && fig.provides() != null) {
      child = Provided.merge(child, Provided.of(FieldSets.parse(fig.provides()), sg));
    }
    return selections(subgraph, Supergraph.namedType(def), f.getSelectionSet(), child, depth + 1);
  }

  private int selections(
      String subgraph, String type, SelectionSet set, Provided provided, int depth) {
    boolean missing = false;
    int cost = 0;
    for (Selection<?> s : set.getSelections()) {
      if (s instanceof Field f) {
        if (f.getName().startsWith("__")) {
          continue;
        }
        if (can.canResolveLocally(subgraph, type, f.getName(), provided)) {
          cost += below(subgraph, type, f, provided, depth);
        } else {
          missing = true;
        }
      } else if (s instanceof InlineFragment inf) {
        String tc = inf.getTypeCondition() == null ? type : inf.getTypeCondition().getName();
        cost += fragment(subgraph, type, tc, inf.getSelectionSet(), provided, depth);
      } else if (s instanceof FragmentSpread spread) {
        FragmentDefinition def = fragments.get(spread.getName());
        if (def != null) {
          String tc = def.getTypeCondition().getName();
          cost += fragment(subgraph, type, tc, def.getSelectionSet(), provided, depth);
        }
      }
    }
    if (missing && can.isEntity(type) && !can.keyAvailable(subgraph, type, provided)) {
      // the subgraph cannot give any key to ask another subgraph for the rest
      return cost + UNREACHABLE;
    }
    return cost + (missing ? 1 : 0);
  }

  private int fragment(
      String subgraph,
      String type,
      String typeCondition,
      SelectionSet set,
      Provided provided,
      int depth) {
    if (typeCondition.equals(type)) {
      return selections(subgraph, type, set, provided, depth);
    }
    if (!sg.typeInGraph(typeCondition, subgraph)) {
      return 0; // objects of that type do not come from this subgraph
    }
    return selections(subgraph, typeCondition, set, provided, depth);
  }

  /** Candidates in order of preference; the first of the cheapest wins. */
  static <T> T cheapest(List<T> preferred, java.util.function.ToIntFunction<T> cost) {
    T best = null;
    int bestCost = Integer.MAX_VALUE;
    for (T t : preferred) {
      int c = cost.applyAsInt(t);
      if (c < bestCost) {
        best = t;
        bestCost = c;
      }
    }
    return best;
  }
}
