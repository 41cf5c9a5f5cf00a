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

  /** Parses a field set ({@code a b { c }}); throws a RuntimeException when it does not parse. */
  static SelectionSet parse(String fields) {
    return Parser.parse("{" + fields + "}")
        .getDefinitionsOfType(OperationDefinition.class)
        .get(0)
        .getSelectionSet();
  }

  /**
   * Prints a field set compactly, as the reference composer does ({@code a b{c} d(x:1)}); returns
   * the input unchanged when it does not parse.
   */
  static String minify(String fields) {
    try {
      SelectionSet set = parse(fields);
      return print(set);
    } catch (RuntimeException e) {
      return fields;
    }
  }

  private static String print(SelectionSet set) {
    StringBuilder b = new StringBuilder();
    for (Selection<?> selection : set.getSelections()) {
      boolean afterBlock = b.length() > 0 && b.charAt(b.length() - 1) == '}';
      if (b.length() > 0 && !(afterBlock && selection instanceof InlineFragment)) {
        b.append(' '); // the reference prints "a{b} c" but "...on A{a}...on B{b}"
      }
      if (selection instanceof InlineFragment f) {
        b.append("...");
        if (f.getTypeCondition() != null) {
          b.append("on ").append(f.getTypeCondition().getName());
        }
        b.append('{').append(print(f.getSelectionSet())).append('}');
      } else if (selection instanceof Field f) {
        if (f.getAlias() != null) {
          b.append(f.getAlias()).append(':');
        }
        b.append(f.getName());
        if (!f.getArguments().isEmpty()) {
          b.append('(');
          for (int i = 0; i < f.getArguments().size(); i++) {
            graphql.language.Argument a = f.getArguments().get(i);
            b.append(i == 0 ? "" : " ").append(a.getName()).append(':');
            b.append(graphql.language.AstPrinter.printAstCompact(a.getValue()));
          }
          b.append(')');
        }
        if (f.getSelectionSet() != null) {
          b.append('{').append(print(f.getSelectionSet())).append('}');
        }
      }
    }
    return b.toString();
  }

  /** Returns {@code null} when the set is valid on the type, else what is wrong with it. */
  static String walk(Subgraph subgraph, String typeName, String fields, Visitor visitor) {
    if (fields == null || fields.isBlank()) {
      return "the field set is empty";
    }
    SelectionSet set;
    try {
      set = parse(fields);
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
            fragment.getTypeCondition() == null ? typeName : fragment.getTypeCondition().getName();
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
          return "field \""
              + typeName
              + "."
              + field.getName()
              + "\" is a leaf: remove its selection";
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
