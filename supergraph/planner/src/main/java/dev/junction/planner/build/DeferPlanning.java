package dev.junction.planner.build;

import dev.junction.planner.DeferDirective;
import dev.junction.planner.PlanningException;
import dev.junction.planner.supergraph.Supergraph;
import graphql.language.Directive;
import graphql.language.Field;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code @defer} fragments of an operation, met while its fields are assigned to fetch groups.
 * A deferred fragment is planned apart from the primary part where it can be fetched apart:
 *
 * <ul>
 *   <li>on the root type: its fields go to root fetches of their own;
 *   <li>on an entity (an object type with a key): its fields are entity fetches from the objects
 *       the primary part returns (their keys are added to the primary fetch), even to the subgraph
 *       that returned them, as Apollo's planner does;
 *   <li>otherwise (a value type, an abstract type, nested fragments inside): it is fetched with the
 *       primary part and only delivered later.
 * </ul>
 *
 * The groups planned for a fragment carry its id ({@link FetchGroup#defer}), so they are never
 * merged with primary groups. {@code @defer(if: false)} is inlined; {@code if: $variable} is
 * planned as deferred (the executor delivers it inline when the variable is false). When planning
 * apart fails (a shape the rules above do not cover), the operation is planned again with every
 * deferred fragment fetched with its parent ({@code enabled} false): delivered later all the same.
 */
final class DeferPlanning {
  /** One deferred fragment at one response path. */
  record Part(
      int id,
      int parent,
      String label,
      List<String> path,
      boolean separate,
      String ifVariable,
      String at) {}

  private final PlanBuilder builder;
  private final Supergraph sg;
  private final boolean enabled;
  private final Resolvability can;
  private final List<Part> parts = new ArrayList<>();
  private final Map<SelectionSet, Map<List<String>, Integer>> seen = new IdentityHashMap<>();
  private final Map<Integer, Map<String, FetchGroup>> rootGroups = new LinkedHashMap<>();
  private final Map<Directive, Integer> rootParts = new IdentityHashMap<>();
  private int current = -1;
  private int enclosing = -1;

  DeferPlanning(PlanBuilder builder, Supergraph sg, boolean enabled) {
    this.builder = builder;
    this.sg = sg;
    this.enabled = enabled;
    this.can = builder.resolvability();
  }

  /** The deferred fragment being planned, or -1 (the primary part). */
  int current() {
    return current;
  }

  List<Part> parts() {
    return parts;
  }

  /**
   * Plans a fragment spread or inline fragment that carries {@code @defer}; false (nothing done)
   * when it does not.
   */
  boolean deferred(
      FetchGroup group,
      String parentType,
      String typeCondition,
      List<Directive> directives,
      SelectionSet selectionSet,
      List<String> path,
      SelectionTree target,
      Provided provided,
      Set<FetchGroup> touched) {
    Directive defer = null;
    List<Directive> rest = new ArrayList<>();
    for (Directive d : directives) {
      if (d.getName().equals("defer")) {
        defer = d;
      } else {
        rest.add(d);
      }
    }
    if (defer == null) {
      return false;
    }
    if (DeferDirective.isOff(defer)) {
      builder.planFragment(
          group, parentType, typeCondition, rest, selectionSet, path, target, provided, touched);
      return true;
    }
    String ifVariable = DeferDirective.ifVariable(defer);
    String label = DeferDirective.label(defer);
    String type = typeCondition == null ? parentType : typeCondition;
    List<Field> fields = fieldsOnly(selectionSet);
    boolean root =
        !group.entity && path.isEmpty() && group.mergePath.isEmpty() && isRootType(parentType);
    boolean separate =
        enabled
            && fields != null
            && type.equals(parentType)
            && (root || (!sg.isAbstract(type) && can.isEntity(type) && jumpable(type, fields)));
    Map<List<String>, Integer> byPath =
        seen.computeIfAbsent(selectionSet, k -> new LinkedHashMap<>());
    Integer known = byPath.get(path);
    int id = known != null ? known : parts.size();
    if (known == null) {
      parts.add(
          new Part(
              id,
              enclosing,
              label,
              List.copyOf(path),
              separate,
              ifVariable,
              DeferDirective.at(defer)));
      byPath.put(List.copyOf(path), id);
    }
    int outerEnclosing = enclosing;
    enclosing = id;
    if (!separate) {
      try {
        // fetched with the enclosing part; nested defers inside still become parts of their own
        builder.planFragment(
            group, parentType, typeCondition, rest, selectionSet, path, target, provided, touched);
      } finally {
        enclosing = outerEnclosing;
      }
      return true;
    }
    int outer = current;
    current = id;
    int pushed = builder.pushConditions(rest);
    try {
      if (root) {
        planRoot(group.subgraph, parentType, fields, rest);
      } else {
        for (Field f : fields) {
          if (f.getName().equals("__typename")) {
            target.typename(); // delivered from the object the primary part returns
            continue;
          }
          builder.jump(group, type, f, path, target, provided, touched, null);
        }
      }
    } finally {
      builder.pop(pushed);
      current = outer;
      enclosing = outerEnclosing;
    }
    return true;
  }

  /**
   * A root field under fragments, some with {@code @defer}: true when it was planned here as part
   * of a deferred fragment; false when the caller plans it with the primary part (with {@link
   * #strip} directives), as for a mutation's fields (they run in order) or when planning apart is
   * off.
   */
  boolean rootField(
      String rootType, Field f, List<List<Directive>> fragmentDirectives, boolean query) {
    Directive defer = null;
    List<Directive> others = new ArrayList<>();
    for (List<Directive> ds : fragmentDirectives) {
      for (Directive d : ds) {
        if (!d.getName().equals("defer")) {
          others.add(d);
        } else if (!DeferDirective.isOff(d)) {
          defer = d; // the innermost deferred fragment holds the field
        }
      }
    }
    if (defer == null) {
      return false;
    }
    boolean separate = enabled && query;
    Integer id = rootParts.get(defer);
    if (id == null) {
      id = parts.size();
      parts.add(
          new Part(
              id,
              -1,
              DeferDirective.label(defer),
              List.of(),
              separate,
              DeferDirective.ifVariable(defer),
              DeferDirective.at(defer)));
      rootParts.put(defer, id);
    }
    if (!separate) {
      return false;
    }
    int outer = current;
    current = id;
    try {
      planRoot(null, rootType, List.of(f), others);
    } finally {
      current = outer;
    }
    return true;
  }

  /** The fragments' directives without {@code @defer} (subgraphs are not asked to defer). */
  static List<List<Directive>> strip(List<List<Directive>> fragmentDirectives) {
    List<List<Directive>> out = new ArrayList<>();
    for (List<Directive> ds : fragmentDirectives) {
      List<Directive> kept = new ArrayList<>();
      for (Directive d : ds) {
        if (!d.getName().equals("defer")) {
          kept.add(d);
        }
      }
      out.add(kept);
    }
    return out;
  }

  private void planRoot(String prefer, String rootType, List<Field> fields, List<Directive> ds) {
    Map<String, FetchGroup> bySubgraph =
        rootGroups.computeIfAbsent(current, k -> new LinkedHashMap<>());
    for (Field f : fields) {
      if (f.getName().startsWith("__")) {
        continue; // answered by the gateway
      }
      List<String> candidates = builder.rootCandidates(rootType, f.getName());
      if (candidates.isEmpty()) {
        throw new PlanningException(
            "No subgraph resolves field \"" + rootType + "." + f.getName() + "\"");
      }
      String pick = prefer != null && candidates.contains(prefer) ? prefer : candidates.get(0);
      FetchGroup rg = bySubgraph.computeIfAbsent(pick, builder::rootGroup);
      SelectionTree t = ds.isEmpty() ? rg.tree : rg.tree.fragment(null, ds);
      builder.planRootField(rg, rootType, f, ds.isEmpty() ? List.of() : List.of(ds), t);
    }
  }

  /** The root groups of part {@code id}. */
  List<FetchGroup> roots(int id) {
    return List.copyOf(rootGroups.getOrDefault(id, Map.of()).values());
  }

  private boolean isRootType(String type) {
    // a mutation's root fields run one after the other: deferred ones are only delivered later
    return type.equals(sg.schema().getQueryType().getName());
  }

  /** Whether every field can be fetched through an entity key of {@code type}. */
  private boolean jumpable(String type, List<Field> fields) {
    for (Field f : fields) {
      if (f.getName().equals("__typename")) {
        continue;
      }
      boolean any = false;
      for (String s : sg.graphs().keySet()) {
        if (builder.jumpsTo(s, type, f.getName()) && !sg.isInterfaceObject(type, s)) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  /** The fragment's selections when they are all fields, else null. */
  private static List<Field> fieldsOnly(SelectionSet set) {
    List<Field> out = new ArrayList<>();
    for (Selection<?> s : set.getSelections()) {
      if (!(s instanceof Field f)) {
        return null;
      }
      out.add(f);
    }
    return out;
  }
}
