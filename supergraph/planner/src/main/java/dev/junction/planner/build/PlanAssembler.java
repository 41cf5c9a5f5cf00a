package dev.junction.planner.build;

import dev.junction.planner.plan.EntityInput;
import dev.junction.planner.plan.InputSelection;
import dev.junction.planner.plan.PlanNode;
import dev.junction.planner.supergraph.Supergraph;
import graphql.language.AstPrinter;
import graphql.language.VariableDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns fetch groups into plan nodes: documents, variables, representation shapes, ordering. */
final class PlanAssembler {
  private final Supergraph sg;
  private final List<VariableDefinition> variableDefinitions;
  private final String operationName;
  private final Map<FetchGroup, PlanNode.Fetch> fetches = new HashMap<>();
  private final Map<FetchGroup, List<FetchGroup>> dependents = new LinkedHashMap<>();

  private final Set<String> clientAliases;

  PlanAssembler(
      Supergraph sg,
      List<VariableDefinition> variableDefinitions,
      String operationName,
      Set<String> clientAliases) {
    this.clientAliases = clientAliases;
    this.sg = sg;
    this.variableDefinitions = variableDefinitions;
    this.operationName = operationName;
  }

  PlanNode assemble(List<FetchGroup> all, List<FetchGroup> roots, String kind) {
    for (FetchGroup g : all) {
      fetches.put(g, fetch(g, g.entity ? "query" : kind));
      dependents.put(g, new ArrayList<>());
    }
    for (FetchGroup g : all) {
      for (FetchGroup d : g.dependsOn) {
        if (d.defer == g.defer) { // a deferred part's groups start after the part they depend on
          dependents.get(d).add(g);
        }
      }
    }
    if (roots.isEmpty()) {
      return null;
    }
    if (kind.equals("mutation")) {
      List<PlanNode> seq = new ArrayList<>();
      for (FetchGroup root : roots) {
        seq.add(subplan(List.of(root)));
      }
      return seq.size() == 1 ? seq.get(0) : new PlanNode.Sequence(seq);
    }
    return subplan(roots);
  }

  /**
   * The plan of deferred part {@code id} (after {@link #assemble}): its root groups and its entity
   * groups that depend only on other parts' groups; null when it has none.
   */
  PlanNode part(int id, List<FetchGroup> all, List<FetchGroup> partRoots) {
    List<FetchGroup> roots = new ArrayList<>(partRoots);
    for (FetchGroup g : all) {
      if (g.defer == id && g.entity && g.dependsOn.stream().noneMatch(d -> d.defer == id)) {
        roots.add(g);
      }
    }
    return roots.isEmpty() ? null : subplan(roots);
  }

  /** The plan for some root groups and every group that (transitively) depends on them. */
  private PlanNode subplan(List<FetchGroup> roots) {
    Set<FetchGroup> reach = new LinkedHashSet<>();
    List<FetchGroup> stack = new ArrayList<>(roots);
    while (!stack.isEmpty()) {
      FetchGroup g = stack.remove(stack.size() - 1);
      if (reach.add(g)) {
        stack.addAll(dependents.get(g));
      }
    }
    boolean forest = true;
    for (FetchGroup g : reach) {
      if (!roots.contains(g) && g.dependsOn.size() != 1) {
        forest = false;
      }
    }
    if (forest) {
      List<PlanNode> nodes = new ArrayList<>();
      for (FetchGroup r : roots) {
        nodes.add(tree(r));
      }
      return nodes.size() == 1 ? nodes.get(0) : new PlanNode.Parallel(nodes);
    }
    Map<FetchGroup, Integer> depth = new HashMap<>();
    int max = 0;
    for (FetchGroup g : reach) {
      max = Math.max(max, depth(g, depth, roots));
    }
    List<PlanNode> stages = new ArrayList<>();
    for (int level = 0; level <= max; level++) {
      List<FetchGroup> atLevel = new ArrayList<>();
      for (FetchGroup g : reach) {
        if (depth.get(g) == level) {
          atLevel.add(g);
        }
      }
      // a stage runs as a whole: its entity fetches to one subgraph can share one request
      List<PlanNode> stage = batched(atLevel, false);
      if (!stage.isEmpty()) {
        stages.add(stage.size() == 1 ? stage.get(0) : new PlanNode.Parallel(stage));
      }
    }
    return stages.size() == 1 ? stages.get(0) : new PlanNode.Sequence(stages);
  }

  private int depth(FetchGroup g, Map<FetchGroup, Integer> memo, List<FetchGroup> roots) {
    Integer known = memo.get(g);
    if (known != null) {
      return known;
    }
    int d = 0;
    if (!roots.contains(g)) {
      for (FetchGroup p : g.dependsOn) {
        d = Math.max(d, depth(p, memo, roots) + 1);
      }
    }
    memo.put(g, d);
    return d;
  }

  private PlanNode tree(FetchGroup g) {
    List<FetchGroup> children = dependents.get(g);
    if (children.isEmpty()) {
      return node(g);
    }
    // siblings that start when g ends: leaf entity fetches to one subgraph share one request
    List<PlanNode> kids = batched(children, true);
    PlanNode after = kids.size() == 1 ? kids.get(0) : new PlanNode.Parallel(kids);
    return new PlanNode.Sequence(List.of(node(g), after));
  }

  /**
   * The nodes for groups that start together: entity fetches to the same subgraph (without
   * conditions; in a tree, only those nothing depends on) become one {@link PlanNode.EntityBatch};
   * the others keep their own node (their subtree, in a tree).
   */
  private List<PlanNode> batched(List<FetchGroup> groups, boolean inTree) {
    Map<String, List<FetchGroup>> bySubgraph = new LinkedHashMap<>();
    for (FetchGroup g : groups) {
      if (batchable(g, inTree)) {
        bySubgraph.computeIfAbsent(g.subgraph, k -> new ArrayList<>()).add(g);
      }
    }
    List<PlanNode> out = new ArrayList<>();
    for (FetchGroup g : groups) {
      if (batchable(g, inTree)) {
        List<FetchGroup> same = bySubgraph.get(g.subgraph);
        if (same.size() == 1) {
          out.add(node(g));
        } else if (same.get(0) == g) {
          out.add(batch(same));
        }
      } else {
        out.add(inTree ? tree(g) : node(g));
      }
    }
    return out;
  }

  private boolean batchable(FetchGroup g, boolean inTree) {
    return g.entity
        && (g.conditions == null || g.conditions.isEmpty())
        && (!inTree || dependents.get(g).isEmpty());
  }

  private PlanNode batch(List<FetchGroup> groups) {
    Set<String> used = new LinkedHashSet<>();
    for (FetchGroup g : groups) {
      g.tree.collectVariables(used);
    }
    StringBuilder defs = new StringBuilder();
    for (int i = 0; i < groups.size(); i++) {
      defs.append(i == 0 ? "" : ", ")
          .append('$')
          .append(PlanNode.EntityBatch.variable(i))
          .append(": [_Any!]!");
    }
    List<String> usages = clientVariables(used, defs);
    FetchGroup first = groups.get(0);
    StringBuilder doc = header("query", first);
    doc.append('(').append(defs).append(") {");
    List<PlanNode.EntityBatch.Part> parts = new ArrayList<>();
    Map<String, String> renames = new LinkedHashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      FetchGroup g = groups.get(i);
      renames.putAll(ResponseShapes.separate(sg, g.subgraph, null, g.tree));
      doc.append(' ')
          .append(PlanNode.EntityBatch.alias(i))
          .append(": _entities(representations: $")
          .append(PlanNode.EntityBatch.variable(i))
          .append(") ");
      g.tree.render(doc);
      parts.add(new PlanNode.EntityBatch.Part(g.mergePath, requires(g)));
    }
    doc.append(" }");
    return new PlanNode.EntityBatch(
        first.id, first.subgraph, doc.toString(), usages, parts, renames);
  }

  /** Appends the definitions of the client variables in {@code used}; returns their names. */
  private List<String> clientVariables(Set<String> used, StringBuilder defs) {
    List<String> usages = new ArrayList<>();
    for (VariableDefinition vd : variableDefinitions) {
      if (used.contains(vd.getName())) {
        usages.add(vd.getName());
        if (defs.length() > 0) {
          defs.append(", ");
        }
        defs.append('$')
            .append(vd.getName())
            .append(": ")
            .append(AstPrinter.printAst(vd.getType()));
        if (vd.getDefaultValue() != null) {
          defs.append(" = ").append(AstPrinter.printAst(vd.getDefaultValue()));
        }
      }
    }
    return usages;
  }

  private List<EntityInput> requires(FetchGroup g) {
    List<EntityInput> requires = new ArrayList<>();
    for (Map.Entry<String, SelectionTree> e : g.inputs.entrySet()) {
      requires.add(
          new EntityInput(
              g.inputTypes.getOrDefault(e.getKey(), Set.of(e.getKey())),
              g.typenameAs.get(e.getKey()),
              inputs(e.getValue())));
    }
    return requires;
  }

  private PlanNode node(FetchGroup g) {
    PlanNode.Fetch f = fetches.get(g);
    PlanNode n = g.entity ? new PlanNode.Flatten(g.mergePath, f) : f;
    return conditioned(g, n);
  }

  private static PlanNode conditioned(FetchGroup g, PlanNode n) {
    if (g.conditions == null || g.conditions.isEmpty()) {
      return n;
    }
    List<FetchGroup.Cond> conds = new ArrayList<>(g.conditions);
    conds.sort(
        java.util.Comparator.comparing(FetchGroup.Cond::variable)
            .thenComparing(FetchGroup.Cond::expected));
    PlanNode out = n;
    for (int i = conds.size() - 1; i >= 0; i--) {
      out = new PlanNode.Condition(conds.get(i).variable(), conds.get(i).expected(), out);
    }
    return out;
  }

  private PlanNode.Fetch fetch(FetchGroup g, String kind) {
    Map<String, String> renames =
        ResponseShapes.separate(sg, g.subgraph, g.entity ? null : rootType(kind), g.tree);
    Set<String> used = new LinkedHashSet<>();
    g.tree.collectVariables(used);
    StringBuilder defs = new StringBuilder();
    if (g.entity) {
      defs.append("$representations: [_Any!]!");
    }
    List<String> usages = clientVariables(used, defs);
    StringBuilder doc = header(kind, g);
    if (defs.length() > 0) {
      doc.append('(').append(defs).append(')');
    }
    doc.append(' ');
    if (g.entity) {
      doc.append("{ _entities(representations: $representations) ");
      g.tree.render(doc);
      doc.append(" }");
    } else {
      g.tree.render(doc);
    }
    return new PlanNode.Fetch(g.id, g.subgraph, kind, doc.toString(), usages, requires(g), renames);
  }

  private String rootType(String kind) {
    var schema = sg.schema();
    var type =
        switch (kind) {
          case "mutation" -> schema.getMutationType();
          case "subscription" -> schema.getSubscriptionType();
          default -> schema.getQueryType();
        };
    return type.getName();
  }

  /** {@code query Op__subgraph__id}: the subgraph document named after the client operation. */
  private StringBuilder header(String kind, FetchGroup g) {
    StringBuilder doc = new StringBuilder(kind);
    if (operationName != null) {
      doc.append(' ')
          .append(operationName)
          .append("__")
          .append(safe(g.subgraph))
          .append("__")
          .append(g.id);
    }
    return doc;
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9_]", "_");
  }

  private List<InputSelection> inputs(SelectionTree tree) {
    List<InputSelection> out = new ArrayList<>();
    for (SelectionTree.Node n : tree.nodes().values()) {
      if (n instanceof SelectionTree.FieldNode f) {
        String key =
            f.arguments != null && !f.arguments.isEmpty()
                ? RequiredArguments.alias(f.name, f.arguments)
                : clientAliases.contains(f.name) ? PlanBuilder.INTERNAL_ALIAS + f.name : f.name;
        out.add(
            new InputSelection.Field(f.name, key, f.children == null ? null : inputs(f.children)));
      } else {
        SelectionTree.FragmentNode fr = (SelectionTree.FragmentNode) n;
        Set<String> types =
            fr.typeCondition == null ? Set.of() : sg.possibleTypes(fr.typeCondition);
        out.add(new InputSelection.Fragment(fr.typeCondition, types, inputs(fr.children)));
      }
    }
    return out;
  }
}
