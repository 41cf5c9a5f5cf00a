package dev.junction.planner.build;

import dev.junction.planner.PlanningException;
import dev.junction.planner.supergraph.FieldSets;
import dev.junction.planner.supergraph.JoinModel.FieldInGraph;
import dev.junction.planner.supergraph.Supergraph;
import graphql.language.Directive;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLFieldDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assigns every field of an operation to fetch groups: fields a subgraph resolves stay in its
 * group; for the others the planner jumps to another subgraph through an entity key, adding the key
 * and {@code @requires} fields to the group that holds the entity.
 */
final class PlanBuilder {
  private static final int MAX_JUMP_DEPTH = 32;

  private final Supergraph sg;
  private final Map<String, FragmentDefinition> fragments;
  final List<FetchGroup> groups = new ArrayList<>();
  private int jumpDepth;
  private final java.util.ArrayDeque<FetchGroup.Cond> conditions = new java.util.ArrayDeque<>();

  int pushConditions(List<Directive> directives) {
    int pushed = 0;
    for (Directive d : directives) {
      boolean skip = d.getName().equals("skip");
      if ((skip || d.getName().equals("include"))
          && d.getArgument("if") != null
          && d.getArgument("if").getValue() instanceof graphql.language.VariableReference v) {
        conditions.push(new FetchGroup.Cond(v.getName(), !skip));
        pushed++;
      }
    }
    return pushed;
  }

  void pop(int n) {
    for (int i = 0; i < n; i++) {
      conditions.pop();
    }
  }

  /** Prefix of the alias given to key and required fields whose name a client alias uses. */
  static final String INTERNAL_ALIAS = "__j_";

  private final Set<String> clientAliases;

  PlanBuilder(
      Supergraph sg,
      Map<String, FragmentDefinition> fragments,
      Set<String> clientAliases,
      boolean deferring) {
    this.sg = sg;
    this.fragments = fragments;
    this.clientAliases = clientAliases;
    this.can = new Resolvability(sg);
    this.defers = new DeferPlanning(this, sg, deferring);
    this.jumpCost = new JumpCost(sg, fragments, can);
  }

  private final JumpCost jumpCost;
  private final Resolvability can;

  /** The entity jumps a subgraph needs below a root field it resolves. */
  int rootCost(String subgraph, String rootType, Field f) {
    return jumpCost.below(subgraph, rootType, f, null);
  }

  /**
   * The field set's selections, with fields whose name the client uses as an alias renamed to an
   * internal alias, so that a key or required field never collides with a client field.
   */
  private List<Selection> internal(SelectionSet set) {
    List<Selection> out = new ArrayList<>();
    for (Selection<?> s : set.getSelections()) {
      if (s instanceof Field f) {
        Field renamed = f;
        if (!f.getArguments().isEmpty()) {
          renamed =
              f.transform(b -> b.alias(RequiredArguments.alias(f.getName(), f.getArguments())));
        } else if (clientAliases.contains(f.getName())) {
          renamed = f.transform(b -> b.alias(INTERNAL_ALIAS + f.getName()));
        }
        if (f.getSelectionSet() != null) {
          SelectionSet sub = SelectionSet.newSelectionSet(internal(f.getSelectionSet())).build();
          renamed = renamed.transform(b -> b.selectionSet(sub));
        }
        out.add(renamed);
      } else if (s instanceof InlineFragment inf) {
        SelectionSet sub = SelectionSet.newSelectionSet(internal(inf.getSelectionSet())).build();
        out.add(inf.transform(b -> b.selectionSet(sub)));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** Creates a root group for a subgraph. */
  FetchGroup rootGroup(String subgraph) {
    FetchGroup g = new FetchGroup(groups.size(), subgraph, List.of(), false);
    g.defer = defers.current();
    groups.add(g);
    return g;
  }

  /** The {@code @defer} fragments met so far; null when deferring is off (fragments inlined). */
  final DeferPlanning defers;

  /** Plans one root field into a root group. */
  void planRootField(
      FetchGroup group,
      String rootType,
      Field f,
      List<List<Directive>> outerDirectives,
      SelectionTree target) {
    int pushed = 0;
    for (List<Directive> ds : outerDirectives) {
      pushed += pushConditions(ds);
    }
    pushed += pushConditions(f.getDirectives());
    group.addConditions(conditions);
    pop(pushed);
    pushed = 0;
    for (List<Directive> ds : outerDirectives) {
      pushed += pushConditions(ds);
    }
    try {
      planField(group, rootType, f, List.of(), target, null, new LinkedHashSet<>(), false);
    } finally {
      pop(pushed);
    }
  }

  /** The subgraphs that can serve a root field, in supergraph order. */
  List<String> rootCandidates(String rootType, String field) {
    List<String> out = new ArrayList<>();
    for (String g : sg.graphs().keySet()) {
      if (sg.typeInGraph(rootType, g) && can.canResolveLocally(g, rootType, field, null)) {
        out.add(g);
      }
    }
    return out;
  }

  void planSelections(
      FetchGroup group,
      String parentType,
      List<Selection> selections,
      List<String> path,
      SelectionTree target,
      Provided provided,
      Set<FetchGroup> touched) {
    for (Selection<?> s : selections) {
      if (s instanceof Field f) {
        planField(group, parentType, f, path, target, provided, touched, false);
      } else if (s instanceof InlineFragment inf) {
        String tc = inf.getTypeCondition() == null ? null : inf.getTypeCondition().getName();
        planFragment(
            group,
            parentType,
            tc,
            inf.getDirectives(),
            inf.getSelectionSet(),
            path,
            target,
            provided,
            touched);
      } else if (s instanceof FragmentSpread spread) {
        FragmentDefinition def = fragments.get(spread.getName());
        if (def == null) {
          throw new PlanningException("Unknown fragment \"" + spread.getName() + "\"");
        }
        planFragment(
            group,
            parentType,
            def.getTypeCondition().getName(),
            spread.getDirectives(),
            def.getSelectionSet(),
            path,
            target,
            provided,
            touched);
      }
    }
  }

  void planFragment(
      FetchGroup group,
      String parentType,
      String typeCondition,
      List<Directive> directives,
      SelectionSet selectionSet,
      List<String> path,
      SelectionTree target,
      Provided provided,
      Set<FetchGroup> touched) {
    if (defers.deferred(
        group,
        parentType,
        typeCondition,
        directives,
        selectionSet,
        path,
        target,
        provided,
        touched)) {
      return;
    }
    int pushed = pushConditions(directives);
    try {
      planFragmentInner(
          group,
          parentType,
          typeCondition,
          directives,
          selectionSet,
          path,
          target,
          provided,
          touched);
    } finally {
      pop(pushed);
    }
  }

  private void planFragmentInner(
      FetchGroup group,
      String parentType,
      String typeCondition,
      List<Directive> directives,
      SelectionSet selectionSet,
      List<String> path,
      SelectionTree target,
      Provided provided,
      Set<FetchGroup> touched) {
    List<Selection> selections = selectionSet.getSelections();
    if (typeCondition == null || typeCondition.equals(parentType)) {
      SelectionTree t = directives.isEmpty() ? target : target.fragment(null, directives);
      planSelections(group, parentType, selections, path, t, provided, touched);
      return;
    }
    Set<String> conditionTypes = sg.possibleTypes(typeCondition);
    if (!sg.isAbstract(parentType)) {
      if (conditionTypes.contains(parentType)) {
        SelectionTree t = directives.isEmpty() ? target : target.fragment(null, directives);
        planSelections(group, parentType, selections, path, t, provided, touched);
      }
      return;
    }
    if (sg.isInterfaceObject(parentType, group.subgraph)) {
      // This subgraph does not know the concrete types: ask one that does.
      InlineFragment redirected =
          InlineFragment.newInlineFragment()
              .typeCondition(graphql.language.TypeName.newTypeName(typeCondition).build())
              .directives(directives)
              .selectionSet(selectionSet)
              .build();
      jumpToInterfaceOwner(group, parentType, List.of(redirected), path, target, provided, touched);
      return;
    }
    for (String o : sg.possibleTypesInGraph(parentType, group.subgraph)) {
      if (conditionTypes.contains(o)) {
        SelectionTree t = target.fragment(o, directives);
        planSelections(group, o, selections, path, t, provided, touched);
      }
    }
  }

  private void planField(
      FetchGroup group,
      String parentType,
      Field f,
      List<String> path,
      SelectionTree target,
      Provided provided,
      Set<FetchGroup> touched,
      boolean force) {
    int pushed = pushConditions(f.getDirectives());
    try {
      planFieldInner(group, parentType, f, path, target, provided, touched, force);
    } finally {
      pop(pushed);
    }
  }

  private void planFieldInner(
      FetchGroup group,
      String parentType,
      Field f,
      List<String> path,
      SelectionTree target,
      Provided provided,
      Set<FetchGroup> touched,
      boolean force) {
    String name = f.getName();
    if (name.equals("__typename")) {
      if (!force && sg.isAbstract(parentType) && sg.isInterfaceObject(parentType, group.subgraph)) {
        jumpToInterfaceOwner(group, parentType, List.of(f), path, target, provided, touched);
        return;
      }
      target.leaf(f.getAlias(), name, List.of(), f.getDirectives());
      return;
    }
    if (name.startsWith("__")) {
      return; // introspection is answered by the gateway
    }
    GraphQLFieldDefinition def = sg.field(parentType, name);
    if (def == null) {
      throw new PlanningException(
          "Cannot query field \"" + name + "\" on type \"" + parentType + "\"");
    }
    if (force || can.canResolveLocally(group.subgraph, parentType, name, provided)) {
      addResolved(group, parentType, f, def, path, target, provided, touched);
      return;
    }
    if (sg.isAbstract(parentType) && !sg.isInterfaceObject(parentType, group.subgraph)) {
      for (String o : sg.possibleTypesInGraph(parentType, group.subgraph)) {
        SelectionTree t = target.fragment(o, List.of());
        planField(group, o, f, path, t, provided == null ? null : provided, touched, false);
      }
      return;
    }
    jump(group, parentType, f, path, target, provided, touched, null);
  }

  private void addResolved(
      FetchGroup group,
      String parentType,
      Field f,
      GraphQLFieldDefinition def,
      List<String> path,
      SelectionTree target,
      Provided provided,
      Set<FetchGroup> touched) {
    String supergraphChildType = Supergraph.namedType(def);
    if (!sg.isComposite(supergraphChildType)) {
      target.leaf(f.getAlias(), f.getName(), f.getArguments(), f.getDirectives());
      return;
    }
    // The subgraph's own type of the field (an object where the supergraph has an interface or a
    // union): the sub-selection is planned on what this subgraph can return.
    String childType = childTypeIn(group.subgraph, parentType, f.getName(), supergraphChildType);
    Provided childProvidedHere = provided == null ? null : provided.child(parentType, f.getName());
    if (f.getSelectionSet() != null
        && !sg.isAbstract(childType)
        && !can.keyAvailable(group.subgraph, childType, childProvidedHere)
        && can.isEntity(parentType)) {
      // A value-type field (e.g. @shareable dimensions), or an entity whose keys this subgraph
      // cannot give, whose sub-fields this subgraph lacks: fetch those sub-fields through the
      // parent entity from a subgraph that has them.
      List<Selection> local = new ArrayList<>();
      List<Selection> remote = new ArrayList<>();
      for (Selection<?> s : f.getSelectionSet().getSelections()) {
        if (s instanceof Field cf
            && !cf.getName().startsWith("__")
            && !can.resolvableTree(group.subgraph, childType, cf, childProvidedHere)) {
          remote.add(cf);
        } else {
          local.add(s);
        }
      }
      if (!remote.isEmpty()) {
        Field remoteField =
            f.transform(b -> b.selectionSet(SelectionSet.newSelectionSet(remote).build()));
        jump(group, parentType, remoteField, path, target, provided, touched, group.subgraph);
        if (local.isEmpty()) {
          return;
        }
        Field localField =
            f.transform(b -> b.selectionSet(SelectionSet.newSelectionSet(local).build()));
        addResolved(group, parentType, localField, def, path, target, provided, touched);
        return;
      }
    }
    SelectionTree child =
        target.composite(f.getAlias(), f.getName(), f.getArguments(), f.getDirectives());
    List<String> childPath = new ArrayList<>(path);
    childPath.add(f.getResultKey());
    for (int i = Supergraph.listDepth(def); i > 0; i--) {
      childPath.add("@");
    }
    Provided childProvided = provided == null ? null : provided.child(parentType, f.getName());
    FieldInGraph fig = sg.fieldInGraph(parentType, f.getName(), group.subgraph);
    if (fig != null && fig.provides() != null) {
      childProvided =
          Provided.merge(childProvided, Provided.of(FieldSets.parse(fig.provides()), sg));
    }
    if (sg.isAbstract(supergraphChildType)) {
      child.typename();
    }
    if (f.getSelectionSet() != null) {
      planSelections(
          group,
          childType,
          f.getSelectionSet().getSelections(),
          childPath,
          child,
          childProvided,
          touched);
    }
  }

  private String childTypeIn(String subgraph, String parentType, String field, String fallback) {
    String own = sg.fieldTypeInGraph(parentType, field, subgraph);
    if (own == null) {
      return fallback;
    }
    String named = Supergraph.namedType(own);
    return sg.isComposite(named) ? named : fallback;
  }

  /** A subgraph and entity type to jump to. */
  private record Target(String subgraph, String entityType, String typenameAs) {}

  void jump(
      FetchGroup group,
      String parentType,
      Field f,
      List<String> path,
      SelectionTree target,
      Provided provided,
      Set<FetchGroup> touched,
      String excludeSubgraph) {
    String name = f.getName();
    List<Target> candidates = new ArrayList<>();
    for (String s : sg.graphs().keySet()) {
      if (s.equals(excludeSubgraph)) {
        continue;
      }
      if (jumpsTo(s, parentType, name)) {
        if (!sg.isInterfaceObject(parentType, s)) {
          candidates.add(new Target(s, parentType, null));
        } else if (sg.isAbstract(parentType)) {
          // the interface itself (reached through another @interfaceObject): this subgraph's
          // @interfaceObject answers it, sent the interface's name as __typename
          candidates.add(new Target(s, parentType, parentType));
        }
      }
    }
    if (candidates.isEmpty()) {
      for (String iface : sg.interfacesOf(parentType)) {
        for (String s : sg.graphs().keySet()) {
          if (sg.typeInGraph(iface, s)
              && sg.resolves(s, iface, name)
              && !sg.keys(iface, s).isEmpty()) {
            candidates.add(new Target(s, iface, sg.isInterfaceObject(iface, s) ? iface : null));
          }
        }
      }
    }
    if (candidates.isEmpty()) {
      throw new PlanningException(
          "Cannot plan field \""
              + parentType
              + "."
              + name
              + "\" from subgraph \""
              + group.subgraph
              + "\": no subgraph resolves it through an entity key");
    }
    Target chosen = choose(group, parentType, path, candidates, provided, List.of(f));
    SelectionTree sub = entityJump(group, parentType, chosen, path, target, provided, touched, f);
    FetchGroup d = lastJumpGroup;
    planField(d, chosen.entityType(), f, path, sub, null, touched, true);
  }

  /** Whether subgraph {@code s} resolves {@code type.field} for representations (by a key). */
  boolean jumpsTo(String s, String type, String field) {
    return sg.typeInGraph(type, s) && sg.resolves(s, type, field) && !sg.keys(type, s).isEmpty();
  }

  /** The resolvability rules of this plan (shared with {@link DeferPlanning}). */
  Resolvability resolvability() {
    return can;
  }

  /** Jumps from an {@code @interfaceObject} subgraph to one that knows the concrete types. */
  private void jumpToInterfaceOwner(
      FetchGroup group,
      String iface,
      List<Selection> selections,
      List<String> path,
      SelectionTree target,
      Provided provided,
      Set<FetchGroup> touched) {
    List<Target> candidates = new ArrayList<>();
    for (String s : sg.graphs().keySet()) {
      if (!s.equals(group.subgraph)
          && sg.typeInGraph(iface, s)
          && !sg.isInterfaceObject(iface, s)
          && !sg.keys(iface, s).isEmpty()) {
        candidates.add(new Target(s, iface, iface));
      }
    }
    if (candidates.isEmpty()) {
      throw new PlanningException(
          "Cannot resolve the concrete type of interface \""
              + iface
              + "\" returned by subgraph \""
              + group.subgraph
              + "\": no subgraph has an entity key on it");
    }
    Target chosen = choose(group, iface, path, candidates, provided, selections);
    SelectionTree sub = entityJump(group, iface, chosen, path, target, provided, touched, null);
    FetchGroup d = lastJumpGroup;
    sub.typename();
    planSelections(d, iface, selections, path, sub, null, touched);
  }

  /**
   * The cheapest candidate: a new fetch group, a key the parent group cannot give and every entity
   * jump below the selections each cost one; ties go to a subgraph already fetched at this path,
   * then to one with a local key, then to supergraph order.
   */
  private Target choose(
      FetchGroup group,
      String parentType,
      List<String> path,
      List<Target> candidates,
      Provided provided,
      List<Selection> selections) {
    List<Target> preferred = new ArrayList<>();
    for (Target t : candidates) {
      if (hasGroupAt(t.subgraph(), path)) {
        preferred.add(t);
      }
    }
    for (Target t : candidates) {
      if (!preferred.contains(t)
          && can.localKey(group.subgraph, parentType, t.subgraph(), t.entityType(), provided)
              != null) {
        preferred.add(t);
      }
    }
    for (Target t : candidates) {
      if (!preferred.contains(t)) {
        preferred.add(t);
      }
    }
    return JumpCost.cheapest(
        preferred,
        t -> {
          int cost = hasGroupAt(t.subgraph(), path) ? 0 : 1;
          cost +=
              can.localKey(group.subgraph, parentType, t.subgraph(), t.entityType(), provided)
                      != null
                  ? 0
                  : 1;
          for (Selection<?> s : selections) {
            if (s instanceof Field f) {
              cost += jumpCost.below(t.subgraph(), t.entityType(), f, null);
            }
          }
          return cost;
        });
  }

  private boolean hasGroupAt(String subgraph, List<String> path) {
    for (FetchGroup g : groups) {
      if (g.entity
          && g.subgraph.equals(subgraph)
          && g.mergePath.equals(path)
          && g.defer == defers.current()) {
        return true;
      }
    }
    return false;
  }

  private FetchGroup lastJumpGroup;

  /** Subgraph, type and path of each jump whose key fields are being fetched by further jumps. */
  private final Set<String> obtainingKeys = new java.util.HashSet<>();

  /**
   * Adds the key (and required) fields to {@code group}, finds or creates the dependent entity
   * group, and returns the selection inside {@code ... on EntityType} of that group.
   */
  private SelectionTree entityJump(
      FetchGroup group,
      String parentType,
      Target t,
      List<String> path,
      SelectionTree target,
      Provided provided,
      Set<FetchGroup> touched,
      Field field) {
    if (++jumpDepth > MAX_JUMP_DEPTH) {
      throw new PlanningException(
          "Cannot plan \"" + parentType + "\": entity jumps do not converge");
    }
    String obtaining = null;
    try {
      String key = can.localKey(group.subgraph, parentType, t.subgraph(), t.entityType(), provided);
      if (key == null) {
        key = sg.keys(t.entityType(), t.subgraph()).get(0).key();
        // The key's fields come from further jumps; back here means they never can.
        obtaining = group.subgraph + "|" + parentType + "|" + path;
        if (!obtainingKeys.add(obtaining)) {
          obtaining = null;
          throw new PlanningException(
              "Cannot plan \""
                  + parentType
                  + "\" from subgraph \""
                  + group.subgraph
                  + "\": it cannot give the fields of any key of the type (they are @external"
                  + " there or missing), so no other subgraph can be asked for the rest");
        }
      }
      Set<FetchGroup> deps = new LinkedHashSet<>();
      deps.add(group);
      target.typename();
      planSelections(
          group, parentType, internal(FieldSets.parse(key)), path, target, provided, deps);
      String requires = null;
      if (field != null) {
        FieldInGraph fig = sg.fieldInGraph(t.entityType(), field.getName(), t.subgraph());
        requires = fig == null ? null : fig.requires();
        if (requires != null) {
          planSelections(
              group, parentType, internal(FieldSets.parse(requires)), path, target, provided, deps);
        }
      }
      FetchGroup d =
          findOrCreate(
              t.subgraph(),
              path,
              deps,
              t.entityType(),
              requires == null ? null : FieldSets.parse(requires));
      d.dependsOn.addAll(deps);
      d.addConditions(conditions);
      SelectionTree input = d.inputs.computeIfAbsent(t.entityType(), k -> new SelectionTree());
      input.typename();
      addFieldSet(input, FieldSets.parse(key));
      if (requires != null) {
        addFieldSet(input, FieldSets.parse(requires));
      }
      d.inputTypes.computeIfAbsent(t.entityType(), k -> new LinkedHashSet<>()).add(parentType);
      if (sg.isAbstract(parentType)) {
        d.inputTypes.get(t.entityType()).addAll(sg.possibleTypes(parentType));
      }
      if (t.typenameAs() != null) {
        d.typenameAs.put(t.entityType(), t.typenameAs());
      }
      touched.add(d);
      lastJumpGroup = d;
      return d.tree.fragment(t.entityType(), List.of());
    } finally {
      jumpDepth--;
      if (obtaining != null) {
        obtainingKeys.remove(obtaining);
      }
    }
  }

  private FetchGroup findOrCreate(
      String subgraph,
      List<String> path,
      Set<FetchGroup> deps,
      String entityType,
      SelectionSet requires) {
    for (FetchGroup g : groups) {
      if (g.entity
          && g.subgraph.equals(subgraph)
          && g.mergePath.equals(path)
          && g.defer == defers.current()
          && !deps.contains(g)
          && deps.stream().noneMatch(d -> d.dependsOnTransitively(g))
          && (requires == null
              || !RequiredArguments.conflicts(g.inputs.get(entityType), requires))) {
        return g;
      }
    }
    FetchGroup g = new FetchGroup(groups.size(), subgraph, path, true);
    g.defer = defers.current();
    groups.add(g);
    return g;
  }

  private static void addFieldSet(SelectionTree tree, SelectionSet set) {
    for (Selection<?> s : set.getSelections()) {
      if (s instanceof Field f) {
        if (f.getSelectionSet() == null || f.getSelectionSet().getSelections().isEmpty()) {
          tree.leaf(null, f.getName(), f.getArguments(), List.of());
        } else {
          addFieldSet(
              tree.composite(null, f.getName(), f.getArguments(), List.of()), f.getSelectionSet());
        }
      } else if (s instanceof InlineFragment inf) {
        String tc = inf.getTypeCondition() == null ? null : inf.getTypeCondition().getName();
        addFieldSet(tree.fragment(tc, List.of()), inf.getSelectionSet());
      }
    }
  }
}
