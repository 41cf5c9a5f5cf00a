package dev.junction.gateway.response;

import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.SelectionSet;
import graphql.language.VariableReference;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fields an operation selects on each type, collected once per operation and shared by all of
 * its requests, unless a {@code @skip}/{@code @include} of the document reads a variable (then each
 * request collects its own).
 */
public final class SelectionCache {
  /** A type and the selection sets applied to it (identity of the document's nodes). */
  record Key(String type, List<SelectionSet> sets) {}

  private final boolean shareable;
  private final Map<Key, List<ResponseShaper.Collected>> map = new ConcurrentHashMap<>();

  private SelectionCache(boolean shareable) {
    this.shareable = shareable;
  }

  /** The cache for one parsed document. */
  public static SelectionCache forDocument(Document document) {
    return new SelectionCache(!hasVariableConditions(document));
  }

  boolean shareable() {
    return shareable;
  }

  Map<Key, List<ResponseShaper.Collected>> map() {
    return map;
  }

  private static boolean hasVariableConditions(Document document) {
    Deque<Node<?>> todo = new ArrayDeque<>();
    todo.push(document);
    int visited = 0;
    while (!todo.isEmpty()) {
      Node<?> n = todo.pop();
      if (++visited > 1_000_000) {
        return true; // not worth sharing; also bounds the walk
      }
      if (n instanceof Directive d
          && (d.getName().equals("skip") || d.getName().equals("include"))) {
        for (Argument a : d.getArguments()) {
          if (a.getValue() instanceof VariableReference) {
            return true;
          }
        }
      }
      for (Node<?> child : n.getChildren()) {
        todo.push(child);
      }
    }
    return false;
  }
}
