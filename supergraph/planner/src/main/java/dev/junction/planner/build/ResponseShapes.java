package dev.junction.planner.build;

import dev.junction.planner.supergraph.Supergraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a subgraph query valid where the subgraph declares a field with another type than the
 * supergraph does (a child type mismatch: {@code ID!} in one subgraph, {@code ID} in another, or a
 * list of non-null items in one only). Fields that share a response name under different type
 * conditions must have one response shape in the subgraph's own schema (the validation rule
 * "overlapping fields can be merged"); where they would not, all but the first shape are fetched
 * under an internal alias, which the executor renames back ({@link #separate}'s map) before the
 * answer is merged.
 */
final class ResponseShapes {
  private final Supergraph sg;
  private final String graph;
  private final Map<String, String> renames = new LinkedHashMap<>();

  private ResponseShapes(Supergraph sg, String graph) {
    this.sg = sg;
    this.graph = graph;
  }

  /**
   * Aliases the fields of {@code tree} (the selection of one fetch to {@code graph}, under {@code
   * parentType}, or null for the {@code _entities} list) whose shapes conflict in that subgraph.
   *
   * @return internal alias → the response key it stands for; empty when nothing conflicts
   */
  static Map<String, String> separate(
      Supergraph sg, String graph, String parentType, SelectionTree tree) {
    ResponseShapes shapes = new ResponseShapes(sg, graph);
    shapes.level(List.of(new Scoped(parentType, tree)));
    return shapes.renames;
  }

  /** A selection set and the type it selects on. */
  private record Scoped(String parentType, SelectionTree tree) {}

  /** A field at one response level: where it sits, on which type, with its type in the graph. */
  private record Entry(
      SelectionTree owner, SelectionTree.FieldNode node, String parentType, String type) {}

  /**
   * One response level: the selection sets whose fields land in the same response objects (a
   * field's selection with those of every field of the same response key).
   */
  private void level(List<Scoped> sets) {
    Map<String, List<Entry>> byKey = new LinkedHashMap<>();
    for (Scoped s : sets) {
      collect(s.parentType(), s.tree(), byKey);
    }
    for (Map.Entry<String, List<Entry>> e : byKey.entrySet()) {
      String key = e.getKey();
      Map<String, List<Entry>> byShape = new LinkedHashMap<>();
      for (Entry entry : e.getValue()) {
        if (entry.type() != null) {
          byShape.computeIfAbsent(shape(entry.type()), k -> new ArrayList<>()).add(entry);
        }
      }
      int index = 0;
      for (List<Entry> same : byShape.values()) {
        if (index > 0) {
          String alias = PlanBuilder.INTERNAL_ALIAS + "shape" + index + "_" + key;
          renames.put(alias, key);
          for (Entry entry : same) {
            entry.owner().realias(entry.node(), alias);
          }
        }
        index++;
        List<Scoped> children = new ArrayList<>();
        for (Entry entry : same) {
          if (entry.node().children != null) {
            children.add(new Scoped(Supergraph.namedType(entry.type()), entry.node().children));
          }
        }
        if (!children.isEmpty()) {
          level(children);
        }
      }
    }
  }

  private void collect(String parentType, SelectionTree tree, Map<String, List<Entry>> byKey) {
    for (SelectionTree.Node n : List.copyOf(tree.nodes().values())) {
      if (n instanceof SelectionTree.FieldNode f) {
        String type =
            parentType == null && !f.name.equals("__typename")
                ? null
                : sg.fieldTypeInGraph(parentType, f.name, graph);
        byKey
            .computeIfAbsent(f.responseKey(), k -> new ArrayList<>())
            .add(new Entry(tree, f, parentType, type));
      } else {
        SelectionTree.FragmentNode fr = (SelectionTree.FragmentNode) n;
        collect(fr.typeCondition != null ? fr.typeCondition : parentType, fr.children, byKey);
      }
    }
  }

  /**
   * The response shape of a printed type, as the validation rule compares it: list and non-null
   * wrappers exactly, the named type only when it is a leaf (composite types are compared through
   * their sub-selections).
   */
  private String shape(String type) {
    String name = Supergraph.namedType(type);
    String wrappers = type.replace(name, "T");
    return sg.isComposite(name) ? wrappers : wrappers + ":" + name;
  }
}
