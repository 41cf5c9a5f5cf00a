package dev.junction.composition;

import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;

/** Walks a federation field set ({@code @key}, {@code @requires}, {@code @provides}). */
final class FieldSets {

  /** Called for every field the set selects. */
  interface Visitor {
    /**
     * Visits one selected field.
     *
     * @param type the type the field is selected on
     * @param field the field
     * @param depth 0 for the top level of the set
     * @param selection the selection node (arguments, sub-selection)
     * @return an error message, or {@code null} when the field is acceptable
     */
    String visit(Subgraph.TypeDef type, Subgraph.Member field, int depth, Field selection);
  }

  private FieldSets() {}

  /** Returns {@code null} when the set is valid on the type, else what is wrong with it. */
  static String walk(Subgraph subgraph, String typeName, String fields, Visitor visitor) {
    if (fields == null || fields.isBlank()) {
      return "the field set is empty";
    }
    SelectionSet set;
    try {
      set =
          Parser.parse("{" + fields + "}")
              .getDefinitionsOfType(OperationDefinition.class)
              .get(0)
              .getSelectionSet();
    } catch (RuntimeException e) {
      return "the field set \"" + fields + "\" does not parse";
    }
    return walk(subgraph, typeName, set, visitor, 0);
  }

  private static String walk(
      Subgraph subgraph, String typeName, SelectionSet set, Visitor visitor, int depth) {
    Subgraph.TypeDef type = subgraph.types.get(typeName);
    if (type == null) {
      return "type \"" + typeName + "\" is not defined in the subgraph";
    }
    for (Selection<?> selection : set.getSelections()) {
      if (selection instanceof InlineFragment fragment) {
        String on =
            fragment.getTypeCondition() == null
                ? typeName
                : fragment.getTypeCondition().getName();
        String error = walk(subgraph, on, fragment.getSelectionSet(), visitor, depth);
        if (error != null) {
          return error;
        }
        continue;
      }
      if (!(selection instanceof Field field)) {
        return "fragment spreads are not allowed in a field set";
      }
      if (field.getName().equals("__typename")) {
        continue;
      }
      Subgraph.Member member = type.fields.get(field.getName());
      if (member == null || member.type == null) {
        return "field \"" + typeName + "." + field.getName() + "\" is not defined in the subgraph";
      }
      String error = visitor.visit(type, member, depth, field);
      if (error != null) {
        return error;
      }
      String named = Subgraph.namedType(member.type);
      Subgraph.TypeDef target = subgraph.types.get(named);
      boolean composite =
          target != null
              && (target.kind == Subgraph.Kind.OBJECT
                  || target.kind == Subgraph.Kind.INTERFACE
                  || target.kind == Subgraph.Kind.UNION);
      if (field.getSelectionSet() != null) {
        if (!composite) {
          return "field \"" + typeName + "." + field.getName() + "\" is a leaf: remove its selection";
        }
        error = walk(subgraph, named, field.getSelectionSet(), visitor, depth + 1);
        if (error != null) {
          return error;
        }
      } else if (composite) {
        return "field \""
            + typeName
            + "."
            + field.getName()
            + "\" has a composite type: select its subfields";
      }
    }
    return null;
  }
}
