package dev.junction.planner.build;

import dev.junction.planner.supergraph.Supergraph;
import graphql.language.Field;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The fields an {@code @provides} makes resolvable below a field, as a tree of field names. Fields
 * under a type condition ({@code ... on User { name }}) are provided only on the types the
 * condition covers, so a field provided on every implementation is still not provided on the
 * interface (whose own view in the subgraph may lack it).
 */
final class Provided {
  private final Supergraph sg;
  private final Map<String, Provided> children = new HashMap<>();
  private final Map<String, Provided> byType = new HashMap<>();

  private Provided(Supergraph sg) {
    this.sg = sg;
  }

  static Provided of(SelectionSet selections, Supergraph sg) {
    Provided p = new Provided(sg);
    p.add(selections);
    return p;
  }

  private void add(SelectionSet set) {
    if (set == null) {
      return;
    }
    for (Selection<?> s : set.getSelections()) {
      if (s instanceof Field f) {
        children.computeIfAbsent(f.getName(), k -> new Provided(sg)).add(f.getSelectionSet());
      } else if (s instanceof InlineFragment inf) {
        if (inf.getTypeCondition() == null) {
          add(inf.getSelectionSet());
        } else {
          byType
              .computeIfAbsent(inf.getTypeCondition().getName(), k -> new Provided(sg))
              .add(inf.getSelectionSet());
        }
      } else if (s instanceof FragmentSpread) {
        throw new IllegalArgumentException("fragment spreads are not allowed in field sets");
      }
    }
  }

  /** Whether {@code field} of {@code type} is provided. */
  boolean has(String type, String field) {
    if (children.containsKey(field)) {
      return true;
    }
    for (Map.Entry<String, Provided> e : byType.entrySet()) {
      if (applies(e.getKey(), type) && e.getValue().has(type, field)) {
        return true;
      }
    }
    return false;
  }

  /** What is provided below {@code field} of {@code type}, or null. */
  Provided child(String type, String field) {
    Provided out = children.get(field);
    for (Map.Entry<String, Provided> e : byType.entrySet()) {
      if (applies(e.getKey(), type)) {
        out = merge(out, e.getValue().child(type, field));
      }
    }
    return out;
  }

  private boolean applies(String condition, String type) {
    return condition.equals(type) || sg.possibleTypes(condition).contains(type);
  }

  static Provided merge(Provided a, Provided b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    Provided out = new Provided(a.sg);
    out.mergeFrom(a);
    out.mergeFrom(b);
    return out;
  }

  private void mergeFrom(Provided other) {
    for (Map.Entry<String, Provided> e : other.children.entrySet()) {
      children.merge(e.getKey(), e.getValue(), Provided::merge);
    }
    for (Map.Entry<String, Provided> e : other.byType.entrySet()) {
      byType.merge(e.getKey(), e.getValue(), Provided::merge);
    }
  }
}
