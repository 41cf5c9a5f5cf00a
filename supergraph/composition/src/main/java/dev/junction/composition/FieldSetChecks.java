package dev.junction.composition;

import dev.junction.composition.Subgraph.Kind;
import dev.junction.composition.Subgraph.Member;
import dev.junction.composition.Subgraph.TypeDef;
import java.util.List;

/**
 * Validates the field sets of one subgraph ({@code @key}, {@code @requires}, {@code @provides}) and
 * records which fields each set uses.
 */
final class FieldSetChecks {

  private final Subgraph subgraph;
  private final List<CompositionError> errors;

  FieldSetChecks(Subgraph subgraph, List<CompositionError> errors) {
    this.subgraph = subgraph;
    this.errors = errors;
  }

  void run() {
    for (TypeDef type : List.copyOf(subgraph.types.values())) {
      for (Subgraph.Key key : type.keys) {
        checkKey(type, key);
      }
      if (type.kind != Kind.OBJECT && type.kind != Kind.INTERFACE) {
        continue;
      }
      for (Member field : type.fields.values()) {
        if (field.requires != null) {
          checkRequires(type, field);
        }
        if (field.provides != null) {
          checkProvides(type, field);
        }
      }
    }
    for (TypeDef type : subgraph.types.values()) {
      for (Member field : type.fields.values()) {
        if (field.external
            && !subgraph.isFed1()
            && !field.usedAsKey
            && !field.required
            && !field.provided
            && !type.interfaceObject
            && !implementsInterfaceField(type, field.name)) {
          add(
              "EXTERNAL_UNUSED",
              type.name + "." + field.name,
              "Field \""
                  + type.name
                  + "."
                  + field.name
                  + "\" is marked @external but is not used by any @key, @requires or @provides"
                  + " in subgraph \""
                  + subgraph.name
                  + "\": remove @external (and the field) or use it.");
        }
      }
    }
  }

  private boolean implementsInterfaceField(TypeDef type, String field) {
    for (String i : type.interfaces) {
      TypeDef it = subgraph.types.get(i);
      if (it != null && it.fields.containsKey(field)) {
        return true;
      }
    }
    return false;
  }

  private void checkKey(TypeDef type, Subgraph.Key key) {
    String error =
        FieldSets.walk(
            subgraph,
            type.name,
            key.fields(),
            (owner, field, depth, selection) -> {
              field.usedAsKey = true;
              if (!selection.getArguments().isEmpty() || !field.args.isEmpty()) {
                return "KEY_FIELDS_HAS_ARGS:field \""
                    + owner.name
                    + "."
                    + field.name
                    + "\" takes arguments: key fields cannot have arguments";
              }
              TypeDef target = subgraph.types.get(Subgraph.namedType(field.type));
              if (field.type.startsWith("[")
                  || field.type.contains("[")
                  || (target != null
                      && (target.kind == Kind.INTERFACE || target.kind == Kind.UNION))) {
                return "KEY_FIELDS_SELECT_INVALID_TYPE:field \""
                    + owner.name
                    + "."
                    + field.name
                    + "\" has type "
                    + field.type
                    + ": key fields cannot be lists, interfaces or unions";
              }
              return null;
            });
    if (error != null) {
      report(
          "KEY_INVALID_FIELDS",
          type.name,
          "On type \"" + type.name + "\", @key(fields: \"" + key.fields() + "\") is invalid: ",
          error);
    }
  }

  private void checkRequires(TypeDef type, Member field) {
    String error =
        FieldSets.walk(
            subgraph,
            type.name,
            field.requires,
            (owner, required, depth, selection) -> {
              required.required = true;
              if (depth == 0 && !required.external) {
                return "REQUIRES_FIELDS_MISSING_EXTERNAL:field \""
                    + owner.name
                    + "."
                    + required.name
                    + "\" is not marked @external: declare it with @external";
              }
              return null;
            });
    if (error != null) {
      report(
          "REQUIRES_INVALID_FIELDS",
          type.name + "." + field.name,
          "On field \""
              + type.name
              + "."
              + field.name
              + "\", @requires(fields: \""
              + field.requires
              + "\") is invalid: ",
          error);
    }
  }

  private void checkProvides(TypeDef type, Member field) {
    String target = Subgraph.namedType(field.type);
    TypeDef targetType = subgraph.types.get(target);
    String coordinate = type.name + "." + field.name;
    if (targetType == null
        || (targetType.kind != Kind.OBJECT
            && targetType.kind != Kind.INTERFACE
            && targetType.kind != Kind.UNION)) {
      add(
          "PROVIDES_ON_NON_OBJECT_FIELD",
          coordinate,
          "Field \""
              + coordinate
              + "\" has @provides but its type "
              + field.type
              + " is not a composite type (object, interface or union): remove @provides.");
      return;
    }
    String error =
        FieldSets.walk(
            subgraph,
            target,
            field.provides,
            (owner, provided, depth, selection) -> {
              provided.provided = true;
              if (depth == 0 && !provided.external && !subgraph.isFed1()) {
                return "PROVIDES_FIELDS_MISSING_EXTERNAL:field \""
                    + owner.name
                    + "."
                    + provided.name
                    + "\" is not marked @external: declare it with @external";
              }
              return null;
            });
    if (error != null) {
      report(
          "PROVIDES_INVALID_FIELDS",
          coordinate,
          "On field \""
              + coordinate
              + "\", @provides(fields: \""
              + field.provides
              + "\") is invalid: ",
          error);
    }
  }

  private void report(String defaultCode, String coordinate, String prefix, String error) {
    String code = defaultCode;
    String message = error;
    int colon = error.indexOf(':');
    if (colon > 0 && error.substring(0, colon).matches("[A-Z_]+")) {
      code = error.substring(0, colon);
      message = error.substring(colon + 1);
    }
    add(code, coordinate, prefix + message + ".");
  }

  private void add(String code, String coordinate, String message) {
    errors.add(Composer.error(code, List.of(subgraph.name), coordinate, message));
  }
}
