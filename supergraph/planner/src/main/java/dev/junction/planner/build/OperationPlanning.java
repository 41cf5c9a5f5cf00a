package dev.junction.planner.build;

import dev.junction.planner.PlanningException;
import dev.junction.planner.plan.PlanNode;
import dev.junction.planner.plan.QueryPlan;
import dev.junction.planner.supergraph.Supergraph;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.schema.GraphQLObjectType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Entry point of the planning pipeline (public only for {@code QueryPlanner}). */
public final class OperationPlanning {
  private OperationPlanning() {}

  /** Plans one operation of a document. */
  public static QueryPlan plan(Supergraph sg, Document document, String operationName) {
    OperationDefinition op = null;
    Map<String, FragmentDefinition> fragments = new HashMap<>();
    for (Definition<?> d : document.getDefinitions()) {
      if (d instanceof OperationDefinition o) {
        if (operationName == null ? op == null : operationName.equals(o.getName())) {
          if (operationName == null && op != null) {
            throw new PlanningException(
                "Must provide operation name if query contains multiple operations");
          }
          op = o;
        }
      } else if (d instanceof FragmentDefinition f) {
        fragments.put(f.getName(), f);
      }
    }
    if (op == null) {
      throw new PlanningException(
          operationName == null
              ? "No operation in document"
              : "Unknown operation named \"" + operationName + "\"");
    }
    String kind = op.getOperation().name().toLowerCase(Locale.ROOT);
    GraphQLObjectType rootType =
        switch (op.getOperation()) {
          case QUERY -> sg.schema().getQueryType();
          case MUTATION -> sg.schema().getMutationType();
          case SUBSCRIPTION -> sg.schema().getSubscriptionType();
        };
    if (rootType == null) {
      throw new PlanningException("The schema has no " + kind + " type");
    }
    if (kind.equals("subscription")) {
      throw new PlanningException("Subscriptions are not supported");
    }
    PlanBuilder builder = new PlanBuilder(sg, fragments);
    List<FetchGroup> roots = new ArrayList<>();
    Map<String, FetchGroup> rootBySubgraph = new LinkedHashMap<>();
    List<RootField> rootFields = new ArrayList<>();
    collectRootFields(
        op.getSelectionSet().getSelections(),
        List.of(),
        fragments,
        rootFields,
        rootType.getName(),
        sg);
    FetchGroup last = null;
    for (RootField rf : rootFields) {
      Field f = rf.field();
      if (f.getName().startsWith("__")) {
        continue; // __typename and introspection are answered by the gateway
      }
      List<String> candidates = builder.rootCandidates(rootType.getName(), f.getName());
      if (candidates.isEmpty()) {
        throw new PlanningException(
            "No subgraph resolves field \"" + rootType.getName() + "." + f.getName() + "\"");
      }
      FetchGroup group;
      if (kind.equals("mutation")) {
        if (last != null && candidates.contains(last.subgraph)) {
          group = last;
        } else {
          group = builder.rootGroup(candidates.get(0));
          roots.add(group);
        }
      } else {
        group = null;
        for (String c : candidates) {
          if (rootBySubgraph.containsKey(c)) {
            group = rootBySubgraph.get(c);
            break;
          }
        }
        if (group == null) {
          group = builder.rootGroup(candidates.get(0));
          rootBySubgraph.put(group.subgraph, group);
          roots.add(group);
        }
      }
      last = group;
      SelectionTree target = group.tree;
      for (List<graphql.language.Directive> ds : rf.fragmentDirectives()) {
        target = target.fragment(null, ds);
      }
      builder.planRootField(group, rootType.getName(), f, target);
    }
    PlanNode node =
        new PlanAssembler(sg, op.getVariableDefinitions(), op.getName())
            .assemble(builder.groups, roots, kind);
    return new QueryPlan(kind, node);
  }

  private record RootField(
      Field field, List<List<graphql.language.Directive>> fragmentDirectives) {}

  private static void collectRootFields(
      List<Selection> selections,
      List<List<graphql.language.Directive>> directives,
      Map<String, FragmentDefinition> fragments,
      List<RootField> out,
      String rootType,
      Supergraph sg) {
    for (Selection<?> s : selections) {
      if (s instanceof Field f) {
        out.add(new RootField(f, directives));
      } else if (s instanceof InlineFragment inf) {
        collectRootFields(
            inf.getSelectionSet().getSelections(),
            with(directives, inf.getDirectives()),
            fragments,
            out,
            rootType,
            sg);
      } else if (s instanceof FragmentSpread spread) {
        FragmentDefinition def = fragments.get(spread.getName());
        if (def == null) {
          throw new PlanningException("Unknown fragment \"" + spread.getName() + "\"");
        }
        collectRootFields(
            def.getSelectionSet().getSelections(),
            with(directives, spread.getDirectives()),
            fragments,
            out,
            rootType,
            sg);
      }
    }
  }

  private static List<List<graphql.language.Directive>> with(
      List<List<graphql.language.Directive>> outer, List<graphql.language.Directive> inner) {
    if (inner.isEmpty()) {
      return outer;
    }
    List<List<graphql.language.Directive>> out = new ArrayList<>(outer);
    out.add(inner);
    return out;
  }
}
