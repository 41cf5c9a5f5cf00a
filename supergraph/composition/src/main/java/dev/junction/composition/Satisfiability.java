package dev.junction.composition;

import dev.junction.composition.MergedType.MergedField;
import dev.junction.composition.Subgraph.Kind;
import dev.junction.composition.Subgraph.Member;
import dev.junction.composition.Subgraph.TypeDef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reachability check: every field of every object type reachable from a root of some subgraph
 * must be resolvable from there, either locally or by jumping to another subgraph through a
 * resolvable {@code @key} whose fields the current subgraph can provide.
 */
final class Satisfiability {

  private final Map<String, Subgraph> subgraphs = new LinkedHashMap<>();
  private final Map<String, MergedType> types;
  private final List<CompositionError> errors;

  Satisfiability(
      List<Subgraph> subgraphs, Map<String, MergedType> types, List<CompositionError> errors) {
    subgraphs.forEach(s -> this.subgraphs.put(s.name, s));
    this.types = types;
    this.errors = errors;
  }

  private static final List<String> ROOTS = List.of("Query", "Mutation", "Subscription");

  /**
   * A type reached in a subgraph; {@code alternatives} are the other subgraphs that can give the
   * same object at the same path (they resolve the parent field too, reached through the parent
   * entity's keys), so a field missing here may be fetched through the parent from one of them.
   */
  private record State(String graph, String type, Set<String> alternatives) {}

  void run() {
    Deque<State> queue = new ArrayDeque<>();
    Set<State> seen = new HashSet<>();
    for (Subgraph s : subgraphs.values()) {
      for (String root : List.of("Query", "Mutation", "Subscription")) {
        if (s.types.containsKey(root)) {
          queue.add(new State(s.name, root, Set.of()));
        }
      }
    }
    Set<String> reported = new HashSet<>();
    int budget = 200_000;
    while (!queue.isEmpty() && budget-- > 0) {
      State state = queue.poll();
      if (!seen.add(state)) {
        continue;
      }
      TypeDef local = subgraphs.get(state.graph()).types.get(state.type());
      MergedType merged = types.get(state.type());
      if (local == null || merged == null) {
        continue;
      }
      if (local.kind == Kind.INTERFACE || local.kind == Kind.UNION) {
        for (TypeDef t : subgraphs.get(state.graph()).types.values()) {
          if (t.kind == Kind.OBJECT
              && (t.interfaces.contains(local.name) || local.members.contains(t.name))) {
            queue.add(new State(state.graph(), t.name, state.alternatives()));
          }
        }
      }
      boolean entity =
          merged.byGraph.values().stream().anyMatch(t -> !t.keys.isEmpty())
              || ROOTS.contains(merged.name);
      if (local.kind != Kind.OBJECT || merged.kind != Kind.OBJECT) {
        continue;
      }
      Set<String> reachableGraphs = new LinkedHashSet<>(keyClosure(state.graph(), merged));
      for (String alternative : state.alternatives()) {
        if (merged.byGraph.containsKey(alternative)) {
          reachableGraphs.addAll(keyClosure(alternative, merged));
        }
      }
      for (MergedField field : merged.fields.values()) {
        List<String> resolvers = new ArrayList<>();
        Member here = field.byGraph.get(state.graph());
        boolean root = List.of("Query", "Mutation", "Subscription").contains(merged.name);
        if (root) {
          resolvers.addAll(field.byGraph.keySet());
        } else if (here != null && (!here.external || here.provided)) {
          resolvers.add(state.graph());
        } else {
          for (String g : Validations.resolvingGraphs(field)) {
            if (reachableGraphs.contains(g)) {
              resolvers.add(g);
            }
          }
        }
        String coordinate = merged.name + "." + field.name;
        if (resolvers.isEmpty()) {
          if (entity && !Validations.resolvingGraphs(field).isEmpty() && reported.add(coordinate)) {
            errors.add(
                Composer.error(
                    "SATISFIABILITY_ERROR",
                    List.of(state.graph()),
                    coordinate,
                    "Field \""
                        + coordinate
                        + "\" cannot be resolved when \""
                        + merged.name
                        + "\" is reached through subgraph \""
                        + state.graph()
                        + "\": it is resolved only by "
                        + Validations.resolvingGraphs(field)
                        + ", which declare no resolvable @key that subgraph \""
                        + state.graph()
                        + "\" can provide. Add a resolvable @key to \""
                        + merged.name
                        + "\" in those subgraphs (with fields \""
                        + state.graph()
                        + "\" defines) or resolve the field in \""
                        + state.graph()
                        + "\"."));
          }
          continue;
        }
        String target = Subgraph.namedType(field.type);
        Set<String> servers = new LinkedHashSet<>();
        for (String g : root ? resolvers : reachableGraphs) {
          Member m = field.byGraph.get(g);
          if (m != null
              && (!m.external || m.provided)
              && subgraphs.get(g).types.containsKey(target)) {
            servers.add(g);
          }
        }
        for (String g : resolvers) {
          if (subgraphs.get(g).types.containsKey(target)) {
            Set<String> alternatives = new LinkedHashSet<>(servers);
            alternatives.remove(g);
            queue.add(new State(g, target, Set.copyOf(alternatives)));
          }
        }
      }
    }
  }

  /** Graphs reachable from {@code start} for this entity through resolvable keys. */
  private Set<String> keyClosure(String start, MergedType type) {
    Set<String> reached = new LinkedHashSet<>();
    reached.add(start);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Map.Entry<String, TypeDef> e : type.byGraph.entrySet()) {
        if (reached.contains(e.getKey())) {
          continue;
        }
        for (Subgraph.Key key : e.getValue().keys) {
          if (key.resolvable() && reached.stream().anyMatch(from -> canProvide(from, type, key))) {
            reached.add(e.getKey());
            grew = true;
            break;
          }
        }
      }
    }
    return reached;
  }

  private static boolean canProvide(String graph, MergedType type, Subgraph.Key key) {
    TypeDef from = type.byGraph.get(graph);
    if (from == null) {
      return false;
    }
    String flat = key.fields().replaceAll("\\{[^{}]*}", " ").replaceAll("\\{[^{}]*}", " ");
    for (String name : flat.trim().split("[\\s,]+")) {
      if (name.isEmpty() || name.startsWith("...") || name.equals("on")) {
        continue;
      }
      Member m = from.fields.get(name);
      if (m == null || (m.external && !m.usedAsKey)) {
        return false;
      }
    }
    return true;
  }
}
