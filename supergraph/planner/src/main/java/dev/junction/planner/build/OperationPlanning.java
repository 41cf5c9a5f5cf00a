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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
    try {
      return plan(sg, op, fragments, false, true);
    } catch (PlanningException e) {
      PlanningException last = e;
      if (usesDefer(op, fragments)) {
        try {
          // deferred fragments that cannot be fetched apart are fetched with their parent
          return plan(sg, op, fragments, false, false);
        } catch (PlanningException again) {
          last = again;
        }
      }
      if (op.getOperation() != OperationDefinition.Operation.QUERY) {
        throw last;
      }
      // A shareable root field that no single subgraph can serve is split across subgraphs; the
      // trial plans that needs are only made for an operation that does not plan without them.
      return plan(sg, op, fragments, true, false);
    }
  }

  private static QueryPlan plan(
      Supergraph sg,
      OperationDefinition op,
      Map<String, FragmentDefinition> fragments,
      boolean splitRoots,
      boolean deferring) {
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
    Set<String> clientAliases = new HashSet<>();
    collectAliases(op.getSelectionSet(), clientAliases);
    for (FragmentDefinition f : fragments.values()) {
      collectAliases(f.getSelectionSet(), clientAliases);
    }
    PlanBuilder builder = new PlanBuilder(sg, fragments, clientAliases, deferring);
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
    List<RootField> planned = new ArrayList<>();
    List<List<String>> candidatesOf = new ArrayList<>();
    for (RootField rf : rootFields) {
      Field f = rf.field();
      if (f.getName().startsWith("__")) {
        continue; // __typename and introspection are answered by the gateway
      }
      if (builder.defers.rootField(
          rootType.getName(), f, rf.fragmentDirectives(), kind.equals("query"))) {
        continue; // planned as a deferred part
      }
      rf = new RootField(f, DeferPlanning.strip(rf.fragmentDirectives()));
      List<String> candidates = builder.rootCandidates(rootType.getName(), f.getName());
      if (candidates.isEmpty()) {
        throw new PlanningException(
            "No subgraph resolves field \"" + rootType.getName() + "." + f.getName() + "\"");
      }
      planned.add(rf);
      candidatesOf.add(candidates);
    }
    if (kind.equals("subscription") && planned.size() != 1) {
      throw new PlanningException(
          "A subscription operation must select exactly one root field, not " + planned.size());
    }
    List<String> chosen =
        kind.equals("mutation")
            ? serialChoice(candidatesOf)
            : coverChoice(
                candidatesOf,
                (i, c) -> builder.rootCost(c, rootType.getName(), planned.get(i).field()));
    List<RootField> toPlan = planned;
    List<String> toPlanOn = chosen;
    if (splitRoots) {
      toPlan = new ArrayList<>();
      toPlanOn = new ArrayList<>();
      for (int i = 0; i < planned.size(); i++) {
        RootField rf = planned.get(i);
        for (Map.Entry<String, Field> part :
            RootSplit.split(
                    sg,
                    fragments,
                    clientAliases,
                    rootType.getName(),
                    rf.field(),
                    chosen.get(i),
                    candidatesOf.get(i))
                .entrySet()) {
          toPlan.add(new RootField(part.getValue(), rf.fragmentDirectives()));
          toPlanOn.add(part.getKey());
        }
      }
    }
    FetchGroup last = null;
    for (int i = 0; i < toPlan.size(); i++) {
      RootField rf = toPlan.get(i);
      String subgraph = toPlanOn.get(i);
      FetchGroup group;
      if (kind.equals("mutation")) {
        if (last != null && last.subgraph.equals(subgraph)) {
          group = last;
        } else {
          group = builder.rootGroup(subgraph);
          roots.add(group);
        }
      } else {
        group = rootBySubgraph.get(subgraph);
        if (group == null) {
          group = builder.rootGroup(subgraph);
          rootBySubgraph.put(subgraph, group);
          roots.add(group);
        }
      }
      last = group;
      SelectionTree target = group.tree;
      for (List<graphql.language.Directive> ds : rf.fragmentDirectives()) {
        target = target.fragment(null, ds);
      }
      builder.planRootField(group, rootType.getName(), rf.field(), rf.fragmentDirectives(), target);
    }
    PlanAssembler assembler =
        new PlanAssembler(sg, op.getVariableDefinitions(), op.getName(), clientAliases);
    PlanNode node = assembler.assemble(builder.groups, roots, kind);
    if (!builder.defers.parts().isEmpty()) {
      if (kind.equals("subscription")) {
        throw new PlanningException("@defer is not supported in subscriptions");
      }
      List<PlanNode.Deferred> deferred = new ArrayList<>();
      for (DeferPlanning.Part p : builder.defers.parts()) {
        PlanNode partNode =
            p.separate()
                ? assembler.part(p.id(), builder.groups, builder.defers.roots(p.id()))
                : null;
        deferred.add(
            new PlanNode.Deferred(
                p.id(), p.parent(), p.label(), p.path(), p.ifVariable(), partNode, p.at()));
      }
      node = new PlanNode.Defer(node, deferred);
    }
    if (kind.equals("subscription")) {
      node = subscription(node);
    }
    return new QueryPlan(kind, node);
  }

  private static boolean usesDefer(
      OperationDefinition op, Map<String, FragmentDefinition> fragments) {
    if (usesDefer(op.getSelectionSet())) {
      return true;
    }
    for (FragmentDefinition f : fragments.values()) {
      if (usesDefer(f.getSelectionSet())) {
        return true;
      }
    }
    return false;
  }

  private static boolean usesDefer(graphql.language.SelectionSet set) {
    if (set == null) {
      return false;
    }
    for (graphql.language.Selection<?> s : set.getSelections()) {
      if (s instanceof graphql.language.Field f) {
        if (usesDefer(f.getSelectionSet())) {
          return true;
        }
      } else if (s instanceof graphql.language.InlineFragment inf) {
        if (inf.hasDirective("defer") || usesDefer(inf.getSelectionSet())) {
          return true;
        }
      } else if (s instanceof graphql.language.FragmentSpread fs && fs.hasDirective("defer")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A subscription's plan: its first fetch (the owning subgraph's root field, the only root fetch a
   * subscription has) becomes the primary, the nodes after it the rest run for each event.
   */
  private static PlanNode subscription(PlanNode node) {
    if (node instanceof PlanNode.Fetch f && !f.isEntityFetch()) {
      return new PlanNode.Subscription(f, null);
    }
    if (node instanceof PlanNode.Sequence s
        && s.nodes().get(0) instanceof PlanNode.Fetch f
        && !f.isEntityFetch()) {
      List<PlanNode> rest = s.nodes().subList(1, s.nodes().size());
      return new PlanNode.Subscription(
          f, rest.size() == 1 ? rest.get(0) : new PlanNode.Sequence(rest));
    }
    // several root fetches (more than one root field) or a conditional root field: GraphQL
    // validation refuses both for a subscription before planning, so this is a planner bug
    throw new PlanningException(
        "A subscription needs exactly one root field, resolved by one subgraph");
  }

  /**
   * Mutation fields run in document order: keep consecutive fields on one subgraph when they all
   * can be served there.
   */
  private static List<String> serialChoice(List<List<String>> candidatesOf) {
    List<String> out = new ArrayList<>();
    String last = null;
    for (List<String> candidates : candidatesOf) {
      String pick = last != null && candidates.contains(last) ? last : candidates.get(0);
      out.add(pick);
      last = pick;
    }
    return out;
  }

  /**
   * Query fields: as few fetches as possible. Fields only one subgraph serves fix their subgraph; a
   * shareable field goes to the cheapest candidate, counting a subgraph not yet used and every
   * entity jump its selection needs there as one fetch each; ties go to a subgraph already used,
   * then to the one that could serve the most remaining fields.
   */
  private static List<String> coverChoice(
      List<List<String>> candidatesOf,
      java.util.function.ToIntBiFunction<Integer, String> jumpCost) {
    int n = candidatesOf.size();
    String[] pick = new String[n];
    java.util.Set<String> used = new java.util.LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      if (candidatesOf.get(i).size() == 1) {
        pick[i] = candidatesOf.get(i).get(0);
        used.add(pick[i]);
      }
    }
    for (int i = 0; i < n; i++) {
      if (pick[i] != null) {
        continue;
      }
      List<String> candidates = candidatesOf.get(i);
      List<String> preferred = new ArrayList<>();
      for (String u : used) {
        if (candidates.contains(u)) {
          preferred.add(u);
        }
      }
      List<String> rest = new ArrayList<>();
      for (String c : candidates) {
        if (!used.contains(c)) {
          rest.add(c);
        }
      }
      final int from = i;
      rest.sort(
          java.util.Comparator.comparingInt(
              c -> {
                int count = 0;
                for (int j = from; j < n; j++) {
                  if (pick[j] == null && candidatesOf.get(j).contains(c)) {
                    count++;
                  }
                }
                return -count;
              }));
      preferred.addAll(rest);
      pick[i] =
          JumpCost.cheapest(
              preferred, c -> (used.contains(c) ? 0 : 1) + jumpCost.applyAsInt(from, c));
      used.add(pick[i]);
    }
    return java.util.Arrays.asList(pick);
  }

  /** Response keys the client gives to a field of another name. */
  private static void collectAliases(graphql.language.SelectionSet set, Set<String> out) {
    if (set == null) {
      return;
    }
    for (Selection<?> s : set.getSelections()) {
      if (s instanceof Field f) {
        if (f.getAlias() != null && !f.getAlias().equals(f.getName())) {
          out.add(f.getAlias());
        }
        collectAliases(f.getSelectionSet(), out);
      } else if (s instanceof InlineFragment inf) {
        collectAliases(inf.getSelectionSet(), out);
      }
    }
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
