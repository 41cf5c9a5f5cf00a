package dev.junction.planner.build;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.Directive;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mutable, de-duplicating selection set under construction: fields (with alias, arguments and
 * directives) and inline fragments, in insertion order. Renders to GraphQL text.
 */
final class SelectionTree {
  private final Map<String, Node> nodes = new LinkedHashMap<>();

  /** A field or an inline fragment. */
  abstract static sealed class Node permits FieldNode, FragmentNode {
    final List<Directive> directives;
    SelectionTree children;

    Node(List<Directive> directives) {
      this.directives = directives;
    }
  }

  static final class FieldNode extends Node {
    final String alias;
    final String name;
    final List<Argument> arguments;

    FieldNode(String alias, String name, List<Argument> arguments, List<Directive> directives) {
      super(directives);
      this.alias = alias;
      this.name = name;
      this.arguments = arguments;
    }

    String responseKey() {
      return alias != null ? alias : name;
    }
  }

  static final class FragmentNode extends Node {
    final String typeCondition;

    FragmentNode(String typeCondition, List<Directive> directives) {
      super(directives);
      this.typeCondition = typeCondition;
    }
  }

  boolean isEmpty() {
    return nodes.isEmpty();
  }

  Map<String, Node> nodes() {
    return nodes;
  }

  /** Adds a leaf field (no-op when present). */
  void leaf(String alias, String name, List<Argument> args, List<Directive> directives) {
    String key = fieldKey(alias, name, args, directives);
    nodes.computeIfAbsent(key, k -> new FieldNode(alias, name, args, directives));
  }

  /** Adds a composite field and returns its sub-selection. */
  SelectionTree composite(
      String alias, String name, List<Argument> args, List<Directive> directives) {
    String key = fieldKey(alias, name, args, directives);
    Node node = nodes.computeIfAbsent(key, k -> new FieldNode(alias, name, args, directives));
    if (node.children == null) {
      node.children = new SelectionTree();
    }
    return node.children;
  }

  /** Adds {@code __typename} first-class (no-op when present). */
  void typename() {
    leaf(null, "__typename", List.of(), List.of());
  }

  /** Adds an inline fragment and returns its selection. */
  SelectionTree fragment(String typeCondition, List<Directive> directives) {
    String key = "..." + (typeCondition == null ? "" : typeCondition) + directives(directives);
    Node node = nodes.computeIfAbsent(key, k -> new FragmentNode(typeCondition, directives));
    if (node.children == null) {
      node.children = new SelectionTree();
    }
    return node.children;
  }

  /** Replaces {@code node} (a field of this set) by the same field under another alias. */
  void realias(FieldNode node, String alias) {
    Map<String, Node> before = new LinkedHashMap<>(nodes);
    nodes.clear();
    for (Map.Entry<String, Node> e : before.entrySet()) {
      if (e.getValue() == node) {
        FieldNode renamed = new FieldNode(alias, node.name, node.arguments, node.directives);
        renamed.children = node.children;
        nodes.put(fieldKey(alias, node.name, node.arguments, node.directives), renamed);
      } else {
        nodes.put(e.getKey(), e.getValue());
      }
    }
  }

  private static String fieldKey(
      String alias, String name, List<Argument> args, List<Directive> directives) {
    StringBuilder sb = new StringBuilder();
    if (alias != null) {
      sb.append(alias).append(':');
    }
    sb.append(name);
    if (!args.isEmpty()) {
      sb.append('(');
      for (Argument a : args) {
        sb.append(a.getName()).append(':').append(AstPrinter.printAst(a.getValue())).append(',');
      }
      sb.append(')');
    }
    sb.append(directives(directives));
    return sb.toString();
  }

  private static String directives(List<Directive> directives) {
    if (directives.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (Directive d : directives) {
      sb.append(' ').append(AstPrinter.printAst(d));
    }
    return sb.toString();
  }

  /** Renders as {@code { ... }} text. */
  void render(StringBuilder out) {
    out.append('{');
    boolean first = true;
    for (Node n : nodes.values()) {
      if (!first) {
        out.append(' ');
      }
      first = false;
      if (n instanceof FieldNode f) {
        if (f.alias != null) {
          out.append(f.alias).append(": ");
        }
        out.append(f.name);
        if (!f.arguments.isEmpty()) {
          out.append('(');
          for (int i = 0; i < f.arguments.size(); i++) {
            Argument a = f.arguments.get(i);
            if (i > 0) {
              out.append(", ");
            }
            out.append(a.getName()).append(": ").append(AstPrinter.printAst(a.getValue()));
          }
          out.append(')');
        }
      } else {
        FragmentNode fr = (FragmentNode) n;
        out.append("...");
        if (fr.typeCondition != null) {
          out.append(" on ").append(fr.typeCondition);
        }
      }
      out.append(directives(n.directives));
      if (n.children != null) {
        out.append(' ');
        n.children.render(out);
      }
    }
    out.append('}');
  }

  /** Collects the names of all variables referenced by arguments and directives. */
  void collectVariables(Set<String> out) {
    for (Node n : nodes.values()) {
      if (n instanceof FieldNode f) {
        for (Argument a : f.arguments) {
          collect(a.getValue(), out);
        }
      }
      for (Directive d : n.directives) {
        for (Argument a : d.getArguments()) {
          collect(a.getValue(), out);
        }
      }
      if (n.children != null) {
        n.children.collectVariables(out);
      }
    }
  }

  private static void collect(Value<?> v, Set<String> out) {
    if (v instanceof VariableReference r) {
      out.add(r.getName());
    } else if (v instanceof ArrayValue a) {
      for (Value<?> x : a.getValues()) {
        collect(x, out);
      }
    } else if (v instanceof ObjectValue o) {
      for (ObjectField f : o.getObjectFields()) {
        collect(f.getValue(), out);
      }
    }
  }
}
