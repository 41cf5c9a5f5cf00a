package dev.junction.composition;

import graphql.language.Argument;
import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Description;
import graphql.language.Directive;
import graphql.language.DirectiveDefinition;
import graphql.language.DirectivesContainer;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.Type;
import graphql.language.UnionTypeDefinition;
import graphql.parser.Parser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Canonical text of a supergraph SDL for comparison: definitions, fields, arguments, directive
 * applications and their arguments sorted; descriptions kept (whitespace-trimmed).
 */
final class SdlNormalizer {

  private SdlNormalizer() {}

  static String normalize(String sdl) {
    List<String> defs = new ArrayList<>();
    for (Definition<?> d : Parser.parse(sdl).getDefinitions()) {
      defs.add(definition(d));
    }
    defs.sort(Comparator.naturalOrder());
    return String.join("\n", defs) + "\n";
  }

  private static String definition(Definition<?> d) {
    if (d instanceof SchemaDefinition s) {
      return "schema"
          + directives(s)
          + " {"
          + s.getOperationTypeDefinitions().stream()
              .map(o -> o.getName() + ": " + o.getTypeName().getName())
              .sorted()
              .collect(Collectors.joining(" "))
          + "}";
    }
    if (d instanceof DirectiveDefinition dd) {
      return "directive @"
          + dd.getName()
          + inputs(dd.getInputValueDefinitions())
          + (dd.isRepeatable() ? " repeatable" : "")
          + " on "
          + dd.getDirectiveLocations().stream()
              .map(l -> l.getName())
              .sorted()
              .collect(Collectors.joining(" | "));
    }
    if (d instanceof ObjectTypeDefinition o) {
      return desc(o.getDescription(), "")
          + "type "
          + o.getName()
          + impls(o.getImplements())
          + directives(o)
          + fields(o.getFieldDefinitions());
    }
    if (d instanceof InterfaceTypeDefinition o) {
      return desc(o.getDescription(), "")
          + "interface "
          + o.getName()
          + impls(o.getImplements())
          + directives(o)
          + fields(o.getFieldDefinitions());
    }
    if (d instanceof UnionTypeDefinition u) {
      return desc(u.getDescription(), "")
          + "union "
          + u.getName()
          + directives(u)
          + " = "
          + u.getMemberTypes().stream()
              .map(AstPrinter::printAst)
              .sorted()
              .collect(Collectors.joining(" | "));
    }
    if (d instanceof EnumTypeDefinition e) {
      List<String> values = new ArrayList<>();
      for (EnumValueDefinition v : e.getEnumValueDefinitions()) {
        values.add(desc(v.getDescription(), "  ") + "  " + v.getName() + directives(v));
      }
      values.sort(Comparator.naturalOrder());
      return desc(e.getDescription(), "")
          + "enum "
          + e.getName()
          + directives(e)
          + " {\n"
          + String.join("\n", values)
          + "\n}";
    }
    if (d instanceof InputObjectTypeDefinition i) {
      List<String> fields = new ArrayList<>();
      for (InputValueDefinition v : i.getInputValueDefinitions()) {
        fields.add(desc(v.getDescription(), "  ") + "  " + input(v));
      }
      fields.sort(Comparator.naturalOrder());
      return desc(i.getDescription(), "")
          + "input "
          + i.getName()
          + directives(i)
          + " {\n"
          + String.join("\n", fields)
          + "\n}";
    }
    if (d instanceof ScalarTypeDefinition s) {
      return desc(s.getDescription(), "") + "scalar " + s.getName() + directives(s);
    }
    return AstPrinter.printAst(d);
  }

  private static String impls(List<Type> impls) {
    if (impls.isEmpty()) {
      return "";
    }
    return " implements "
        + impls.stream().map(AstPrinter::printAst).sorted().collect(Collectors.joining(" & "));
  }

  private static String fields(List<FieldDefinition> defs) {
    List<String> fields = new ArrayList<>();
    for (FieldDefinition f : defs) {
      fields.add(
          desc(f.getDescription(), "  ")
              + "  "
              + f.getName()
              + inputs(f.getInputValueDefinitions())
              + ": "
              + AstPrinter.printAst(f.getType())
              + directives(f));
    }
    fields.sort(Comparator.comparing(s -> s.substring(s.lastIndexOf("\n") + 1)));
    return " {\n" + String.join("\n", fields) + "\n}";
  }

  private static String inputs(List<InputValueDefinition> values) {
    if (values.isEmpty()) {
      return "";
    }
    return "("
        + values.stream()
            .map(v -> desc(v.getDescription(), "") + input(v))
            .sorted()
            .collect(Collectors.joining(", "))
        + ")";
  }

  private static String input(InputValueDefinition v) {
    return v.getName()
        + ": "
        + AstPrinter.printAst(v.getType())
        + (v.getDefaultValue() == null ? "" : " = " + AstPrinter.printAst(v.getDefaultValue()))
        + directives(v);
  }

  private static String directives(DirectivesContainer<?> node) {
    List<String> out = new ArrayList<>();
    for (Directive d : node.getDirectives()) {
      List<String> args = new ArrayList<>();
      for (Argument a : d.getArguments()) {
        args.add(a.getName() + ": " + value(a));
      }
      args.sort(Comparator.naturalOrder());
      out.add("@" + d.getName() + (args.isEmpty() ? "" : "(" + String.join(", ", args) + ")"));
    }
    out.sort(Comparator.naturalOrder());
    return out.isEmpty() ? "" : " " + String.join(" ", out);
  }

  /**
   * An argument's value; a field set ({@code key}, {@code requires}, {@code provides}) minified, as
   * composers print the same field set with or without spaces ({@code "... on A { b }"}).
   */
  private static String value(Argument a) {
    if (FIELD_SET_ARGUMENTS.contains(a.getName())
        && a.getValue() instanceof graphql.language.StringValue s) {
      return "\"" + FieldSets.minify(s.getValue()) + "\"";
    }
    return AstPrinter.printAst(a.getValue());
  }

  private static final java.util.Set<String> FIELD_SET_ARGUMENTS =
      java.util.Set.of("key", "requires", "provides", "fields");

  private static String desc(Description d, String indent) {
    if (d == null || d.getContent().isBlank()) {
      return "";
    }
    String content = d.getContent().strip().replaceAll("[ \\t]+\n", "\n");
    return indent + "\"\"\"" + content + "\"\"\"\n";
  }
}
