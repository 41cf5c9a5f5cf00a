package dev.junction.planner.build;

import dev.junction.planner.PlanningException;
import dev.junction.planner.supergraph.Supergraph;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a shareable root field whose selection no single subgraph can serve (not even through
 * entity jumps: a value type whose fields are spread over the subgraphs) into one copy per
 * subgraph, each with the selections that subgraph can plan. The copies share the response key; the
 * executor deep-merges their results, as {@code @shareable} promises the same values.
 */
final class RootSplit {
  private RootSplit() {}

  /** The parts of {@code f} by subgraph; just {@code chosen -> f} when no split is needed. */
  static Map<String, Field> split(
      Supergraph sg,
      Map<String, FragmentDefinition> fragments,
      Set<String> clientAliases,
      String rootType,
      Field f,
      String chosen,
      List<String> candidates) {
    Map<String, Field> whole = new LinkedHashMap<>();
    whole.put(chosen, f);
    if (candidates.size() < 2
        || f.getSelectionSet() == null
        || plans(sg, fragments, clientAliases, rootType, f, chosen)) {
      return whole;
    }
    List<String> order = new ArrayList<>();
    order.add(chosen);
    for (String c : candidates) {
      if (!order.contains(c)) {
        order.add(c);
      }
    }
    Map<String, List<Selection>> bySubgraph = new LinkedHashMap<>();
    for (Selection<?> s : f.getSelectionSet().getSelections()) {
      Field single = withSelections(f, List.of(s));
      String home = null;
      for (String c : order) {
        if (plans(sg, fragments, clientAliases, rootType, single, c)) {
          home = c;
          break;
        }
      }
      if (home == null) {
        return whole; // planning the whole field reports what cannot be planned
      }
      bySubgraph.computeIfAbsent(home, k -> new ArrayList<>()).add(s);
    }
    if (bySubgraph.size() < 2) {
      return whole;
    }
    Map<String, Field> parts = new LinkedHashMap<>();
    bySubgraph.forEach((c, selections) -> parts.put(c, withSelections(f, selections)));
    return parts;
  }

  private static Field withSelections(Field f, List<Selection> selections) {
    SelectionSet set = SelectionSet.newSelectionSet(selections).build();
    return f.transform(b -> b.selectionSet(set));
  }

  private static boolean plans(
      Supergraph sg,
      Map<String, FragmentDefinition> fragments,
      Set<String> clientAliases,
      String rootType,
      Field f,
      String subgraph) {
    PlanBuilder trial = new PlanBuilder(sg, fragments, clientAliases, false);
    FetchGroup group = trial.rootGroup(subgraph);
    try {
      trial.planRootField(group, rootType, f, List.of(), group.tree);
      return true;
    } catch (PlanningException e) {
      return false;
    }
  }
}
