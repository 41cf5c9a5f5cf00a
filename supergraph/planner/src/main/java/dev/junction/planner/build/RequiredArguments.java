package dev.junction.planner.build;

import graphql.language.Argument;
import graphql.language.AstPrinter;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.List;

/**
 * Required fields with arguments ({@code @requires(fields: "price(currency: \"EUR\")")}): each is
 * fetched under an alias of its own, derived from its name and arguments, so that two requirements
 * of one field with different arguments can share a fetch; and entity fetches whose representations
 * would need one field with two argument sets are kept apart.
 */
final class RequiredArguments {
  private RequiredArguments() {}

  /** The response key a required field with these arguments is fetched under. */
  static String alias(String name, List<Argument> arguments) {
    return PlanBuilder.INTERNAL_ALIAS
        + name
        + "_"
        + Integer.toHexString(printed(arguments).hashCode() & 0x7fffffff);
  }

  /**
   * Whether a representation shape already holds a field of {@code set} with other arguments: the
   * representation can carry only one value per field name.
   */
  static boolean conflicts(SelectionTree tree, SelectionSet set) {
    if (tree == null) {
      return false;
    }
    for (Selection<?> s : set.getSelections()) {
      if (s instanceof Field f) {
        for (SelectionTree.Node n : tree.nodes().values()) {
          if (n instanceof SelectionTree.FieldNode node && node.name.equals(f.getName())) {
            if (!printed(node.arguments).equals(printed(f.getArguments()))) {
              return true;
            }
            if (node.children != null
                && f.getSelectionSet() != null
                && conflicts(node.children, f.getSelectionSet())) {
              return true;
            }
          }
        }
      } else if (s instanceof InlineFragment inf) {
        String tc = inf.getTypeCondition() == null ? null : inf.getTypeCondition().getName();
        for (SelectionTree.Node n : tree.nodes().values()) {
          if (n instanceof SelectionTree.FragmentNode fr
              && java.util.Objects.equals(fr.typeCondition, tc)
              && conflicts(fr.children, inf.getSelectionSet())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static String printed(List<Argument> arguments) {
    StringBuilder out = new StringBuilder();
    for (Argument a : arguments == null ? List.<Argument>of() : arguments) {
      out.append(a.getName()).append(':').append(AstPrinter.printAst(a.getValue())).append(',');
    }
    return out.toString();
  }
}
