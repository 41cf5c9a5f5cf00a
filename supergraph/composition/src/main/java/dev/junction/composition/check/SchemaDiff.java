package dev.junction.composition.check;

import static dev.junction.composition.check.Severity.BREAKING;
import static dev.junction.composition.check.Severity.DANGEROUS;
import static dev.junction.composition.check.Severity.SAFE;

import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.parser.Parser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Classifies the differences between an old and a new API schema. */
public final class SchemaDiff {

  private final List<SchemaChange> changes = new ArrayList<>();

  private SchemaDiff() {}

  /** Lists every change from {@code oldSdl} to {@code newSdl}, breaking ones first. */
  public static List<SchemaChange> diff(String oldSdl, String newSdl) {
    SchemaDiff d = new SchemaDiff();
    d.run(types(oldSdl), types(newSdl));
    List<SchemaChange> sorted = new ArrayList<>(d.changes);
    sorted.sort(
        java.util.Comparator.comparing(SchemaChange::severity)
            .thenComparing(SchemaChange::coordinate));
    return sorted;
  }

  private static Map<String, TypeDefinition<?>> types(String sdl) {
    Map<String, TypeDefinition<?>> types = new LinkedHashMap<>();
    for (Definition<?> d : Parser.parse(sdl).getDefinitions()) {
      if (d instanceof TypeDefinition<?> t) {
        types.put(t.getName(), t);
      }
    }
    return types;
  }

  private void add(String rule, Severity severity, String coordinate, String message) {
    changes.add(new SchemaChange(rule, severity, coordinate, message));
  }

  private void run(Map<String, TypeDefinition<?>> before, Map<String, TypeDefinition<?>> after) {
    for (TypeDefinition<?> old : before.values()) {
      TypeDefinition<?> now = after.get(old.getName());
      if (now == null) {
        add("TYPE_REMOVED", BREAKING, old.getName(), "Type " + old.getName() + " was removed.");
      } else if (!kind(old).equals(kind(now))) {
        add(
            "TYPE_KIND_CHANGED",
            BREAKING,
            old.getName(),
            "Type " + old.getName() + " changed from " + kind(old) + " to " + kind(now) + ".");
      } else {
        compare(old, now);
      }
    }
    for (TypeDefinition<?> now : after.values()) {
      if (!before.containsKey(now.getName())) {
        add("TYPE_ADDED", SAFE, now.getName(), "Type " + now.getName() + " was added.");
      }
    }
  }

  private static String kind(TypeDefinition<?> t) {
    return t.getClass().getSimpleName().replace("TypeDefinition", "").toLowerCase();
  }

  private void compare(TypeDefinition<?> old, TypeDefinition<?> now) {
    if (old instanceof ObjectTypeDefinition o && now instanceof ObjectTypeDefinition n) {
      interfaces(old.getName(), names(o.getImplements()), names(n.getImplements()));
      fields(old.getName(), o.getFieldDefinitions(), n.getFieldDefinitions());
    } else if (old instanceof InterfaceTypeDefinition o
        && now instanceof InterfaceTypeDefinition n) {
      interfaces(old.getName(), names(o.getImplements()), names(n.getImplements()));
      fields(old.getName(), o.getFieldDefinitions(), n.getFieldDefinitions());
    } else if (old instanceof UnionTypeDefinition o && now instanceof UnionTypeDefinition n) {
      Set<String> was = names(o.getMemberTypes());
      Set<String> is = names(n.getMemberTypes());
      for (String m : was) {
        if (!is.contains(m)) {
          add(
              "UNION_MEMBER_REMOVED",
              BREAKING,
              old.getName(),
              "Member " + m + " was removed from union " + old.getName() + ".");
        }
      }
      for (String m : is) {
        if (!was.contains(m)) {
          add(
              "UNION_MEMBER_ADDED",
              DANGEROUS,
              old.getName(),
              "Member "
                  + m
                  + " was added to union "
                  + old.getName()
                  + ": clients switching on __typename may not handle it.");
        }
      }
    } else if (old instanceof EnumTypeDefinition o && now instanceof EnumTypeDefinition n) {
      Map<String, EnumValueDefinition> was = new LinkedHashMap<>();
      o.getEnumValueDefinitions().forEach(v -> was.put(v.getName(), v));
      Map<String, EnumValueDefinition> is = new LinkedHashMap<>();
      n.getEnumValueDefinitions().forEach(v -> is.put(v.getName(), v));
      for (String v : was.keySet()) {
        String c = old.getName() + "." + v;
        if (!is.containsKey(v)) {
          add("ENUM_VALUE_REMOVED", BREAKING, c, "Enum value " + c + " was removed.");
        } else {
          deprecation(c, was.get(v), is.get(v));
        }
      }
      for (String v : is.keySet()) {
        if (!was.containsKey(v)) {
          String c = old.getName() + "." + v;
          add(
              "ENUM_VALUE_ADDED",
              DANGEROUS,
              c,
              "Enum value " + c + " was added: clients may receive a value they do not handle.");
        }
      }
    } else if (old instanceof InputObjectTypeDefinition o
        && now instanceof InputObjectTypeDefinition n) {
      inputValues(old.getName(), "", o.getInputValueDefinitions(), n.getInputValueDefinitions());
    }
  }

  private static Set<String> names(List<Type> types) {
    return types.stream()
        .map(t -> ((TypeName) t).getName())
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  private void interfaces(String type, Set<String> was, Set<String> is) {
    for (String i : was) {
      if (!is.contains(i)) {
        add(
            "INTERFACE_REMOVED",
            BREAKING,
            type,
            type + " no longer implements interface " + i + ".");
      }
    }
    for (String i : is) {
      if (!was.contains(i)) {
        add(
            "INTERFACE_ADDED",
            DANGEROUS,
            type,
            type
                + " now implements interface "
                + i
                + ": it may appear where clients expect other implementations.");
      }
    }
  }

  private void fields(String type, List<FieldDefinition> was, List<FieldDefinition> is) {
    Map<String, FieldDefinition> now = new LinkedHashMap<>();
    is.forEach(f -> now.put(f.getName(), f));
    Set<String> old = was.stream().map(FieldDefinition::getName).collect(Collectors.toSet());
    for (FieldDefinition f : was) {
      String c = type + "." + f.getName();
      FieldDefinition n = now.get(f.getName());
      if (n == null) {
        add("FIELD_REMOVED", BREAKING, c, "Field " + c + " was removed.");
        continue;
      }
      String from = AstPrinter.printAst(f.getType());
      String to = AstPrinter.printAst(n.getType());
      if (!from.equals(to)) {
        if (safeOutputChange(f.getType(), n.getType())) {
          add(
              "FIELD_TYPE_CHANGED_SAFE",
              SAFE,
              c,
              "Field " + c + " changed type from " + from + " to " + to + " (stricter output).");
        } else if (from.equals(to + "!") || from.replace("!", "").equals(to.replace("!", ""))) {
          add(
              "FIELD_MADE_NULLABLE",
              BREAKING,
              c,
              "Field "
                  + c
                  + " changed type from "
                  + from
                  + " to "
                  + to
                  + ": clients may now receive null.");
        } else {
          add(
              "FIELD_TYPE_CHANGED",
              BREAKING,
              c,
              "Field " + c + " changed type from " + from + " to " + to + ".");
        }
      }
      deprecation(c, f, n);
      inputValues(type, f.getName(), f.getInputValueDefinitions(), n.getInputValueDefinitions());
    }
    for (FieldDefinition f : is) {
      if (!old.contains(f.getName())) {
        String c = type + "." + f.getName();
        add("FIELD_ADDED", SAFE, c, "Field " + c + " was added.");
      }
    }
  }

  private void deprecation(String c, DirectivesContainer<?> was, DirectivesContainer<?> is) {
    boolean before = !was.getDirectives("deprecated").isEmpty();
    boolean after = !is.getDirectives("deprecated").isEmpty();
    if (!before && after) {
      Directive d = is.getDirectives("deprecated").get(0);
      add(
          "DEPRECATED",
          SAFE,
          c,
          c
              + " was deprecated"
              + (d.getArgument("reason") == null
                  ? "."
                  : ": " + AstPrinter.printAst(d.getArgument("reason").getValue()) + "."));
    } else if (before && !after) {
      add("UNDEPRECATED", SAFE, c, c + " is no longer deprecated.");
    }
  }

  /** Arguments of a field ({@code field} non-empty) or fields of an input object. */
  private void inputValues(
      String type, String field, List<InputValueDefinition> was, List<InputValueDefinition> is) {
    boolean arguments = !field.isEmpty();
    String what = arguments ? "Argument" : "Input field";
    Map<String, InputValueDefinition> now = new LinkedHashMap<>();
    is.forEach(v -> now.put(v.getName(), v));
    Set<String> old = was.stream().map(InputValueDefinition::getName).collect(Collectors.toSet());
    for (InputValueDefinition v : was) {
      String c =
          arguments ? type + "." + field + "(" + v.getName() + ":)" : type + "." + v.getName();
      InputValueDefinition n = now.get(v.getName());
      String prefix = arguments ? "ARGUMENT" : "INPUT_FIELD";
      if (n == null) {
        add(prefix + "_REMOVED", BREAKING, c, what + " " + c + " was removed.");
        continue;
      }
      String from = AstPrinter.printAst(v.getType());
      String to = AstPrinter.printAst(n.getType());
      if (!from.equals(to)) {
        if (safeInputChange(v.getType(), n.getType())) {
          add(
              prefix + "_TYPE_CHANGED_SAFE",
              SAFE,
              c,
              what + " " + c + " changed type from " + from + " to " + to + " (more lenient).");
        } else if (to.equals(from + "!")) {
          add(
              prefix + "_MADE_REQUIRED",
              BREAKING,
              c,
              what
                  + " "
                  + c
                  + " changed type from "
                  + from
                  + " to "
                  + to
                  + ": operations that omit it or pass null now fail.");
        } else {
          add(
              prefix + "_TYPE_CHANGED",
              BREAKING,
              c,
              what + " " + c + " changed type from " + from + " to " + to + ".");
        }
      }
      String d1 = v.getDefaultValue() == null ? null : AstPrinter.printAst(v.getDefaultValue());
      String d2 = n.getDefaultValue() == null ? null : AstPrinter.printAst(n.getDefaultValue());
      if (!java.util.Objects.equals(d1, d2)) {
        add(
            prefix + "_DEFAULT_CHANGED",
            DANGEROUS,
            c,
            what
                + " "
                + c
                + " default value changed from "
                + d1
                + " to "
                + d2
                + ": operations that omit it behave differently.");
      }
      deprecation(c, v, n);
    }
    for (InputValueDefinition n : is) {
      if (old.contains(n.getName())) {
        continue;
      }
      String c =
          arguments ? type + "." + field + "(" + n.getName() + ":)" : type + "." + n.getName();
      String prefix = arguments ? "ARGUMENT" : "INPUT_FIELD";
      if (n.getType() instanceof NonNullType && n.getDefaultValue() == null) {
        add(
            "REQUIRED_" + prefix + "_ADDED",
            BREAKING,
            c,
            "Required "
                + what.toLowerCase()
                + " "
                + c
                + " was added: existing operations do"
                + " not pass it.");
      } else {
        add(
            "OPTIONAL_" + prefix + "_ADDED",
            SAFE,
            c,
            "Optional " + what.toLowerCase() + " " + c + " was added.");
      }
    }
  }

  /** Output positions may only get stricter: nullable to non-null, same named type. */
  static boolean safeOutputChange(Type<?> old, Type<?> now) {
    if (old instanceof NonNullType o) {
      return now instanceof NonNullType n && safeOutputChange(o.getType(), n.getType());
    }
    if (now instanceof NonNullType n) {
      return safeOutputChange(old, n.getType());
    }
    if (old instanceof ListType o) {
      return now instanceof ListType n && safeOutputChange(o.getType(), n.getType());
    }
    return old instanceof TypeName o
        && now instanceof TypeName n
        && o.getName().equals(n.getName());
  }

  /** Input positions may only get more lenient: non-null to nullable, same named type. */
  static boolean safeInputChange(Type<?> old, Type<?> now) {
    if (now instanceof NonNullType n) {
      return old instanceof NonNullType o && safeInputChange(o.getType(), n.getType());
    }
    if (old instanceof NonNullType o) {
      return safeInputChange(o.getType(), now);
    }
    if (old instanceof ListType o) {
      return now instanceof ListType n && safeInputChange(o.getType(), n.getType());
    }
    return old instanceof TypeName o
        && now instanceof TypeName n
        && o.getName().equals(n.getName());
  }
}
