package dev.junction.planner.build;

import graphql.language.Field;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.HashMap;
import java.util.Map;

/** The fields an {@code @provides} makes resolvable below a field, as a tree of field names. */
final class Provided {
  private final Map<String, Provided> children = new HashMap<>();

  static Provided of(SelectionSet selections) {
    Provided p = new Provided();
    p.add(selections);
    return p;
  }

  private void add(SelectionSet set) {
    if (set == null) {
      return;
    }
    for (Selection<?> s : set.getSelections()) {
      if (s instanceof Field f) {
        children.computeIfAbsent(f.getName(), k -> new Provided()).add(f.getSelectionSet());
      } else if (s instanceof InlineFragment inf) {
        add(inf.getSelectionSet());
      } else if (s instanceof FragmentSpread) {
        throw new IllegalArgumentException("fragment spreads are not allowed in field sets");
      }
    }
  }

  boolean has(String field) {
    return children.containsKey(field);
  }

  Provided child(String field) {
    return children.get(field);
  }

  static Provided merge(Provided a, Provided b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    Provided out = new Provided();
    out.mergeFrom(a);
    out.mergeFrom(b);
    return out;
  }

  private void mergeFrom(Provided other) {
    for (Map.Entry<String, Provided> e : other.children.entrySet()) {
      Provided mine = children.get(e.getKey());
      children.put(e.getKey(), mine == null ? e.getValue() : merge(mine, e.getValue()));
    }
  }
}
