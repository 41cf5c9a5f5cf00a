package dev.junction.planner.supergraph;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Parses federation field sets ({@code "id org { id }"}) into selection sets, with a cache. */
public final class FieldSets {
  private static final Map<String, SelectionSet> CACHE = new ConcurrentHashMap<>();

  private FieldSets() {}

  /** The selection set of a field set string. */
  public static SelectionSet parse(String fieldSet) {
    return CACHE.computeIfAbsent(
        fieldSet,
        fs -> {
          Document doc = Parser.parse("{" + fs + "}");
          return ((OperationDefinition) doc.getDefinitions().get(0)).getSelectionSet();
        });
  }
}
