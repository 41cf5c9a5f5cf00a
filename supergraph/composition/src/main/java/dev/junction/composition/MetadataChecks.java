package dev.junction.composition;

import dev.junction.composition.Subgraph.Kind;
import dev.junction.composition.Subgraph.Member;
import dev.junction.composition.Subgraph.TypeDef;
import java.util.List;

/**
 * Per-subgraph rules of the authorization and demand control directives, as the reference composer
 * checks them: no {@code @authenticated}, {@code @requiresScopes} or {@code @policy} on interfaces,
 * interface fields or interface objects; no {@code @cost} on interface fields; a {@code @listSize}
 * on a list (or with {@code sizedFields} naming list fields of its composite type), with {@code
 * slicingArguments} naming {@code Int} arguments and a non-negative {@code assumedSize}.
 */
final class MetadataChecks {
  private final Subgraph subgraph;
  private final List<CompositionError> errors;

  MetadataChecks(Subgraph subgraph, List<CompositionError> errors) {
    this.subgraph = subgraph;
    this.errors = errors;
  }

  void run() {
    for (TypeDef t : subgraph.types.values()) {
      boolean iface = t.kind == Kind.INTERFACE || t.interfaceObject;
      if (iface && hasAuth(t.meta)) {
        authOnInterface(t.name, t.interfaceObject ? "interface object" : "interface");
      }
      for (Member f : t.fields.values()) {
        String coordinate = t.name + "." + f.name;
        if (iface && hasAuth(f.meta)) {
          authOnInterface(coordinate, "field");
        }
        if (t.kind == Kind.INTERFACE && f.meta.cost != null) {
          add(
              "COST_APPLIED_TO_INTERFACE_FIELD",
              coordinate,
              "@cost cannot be applied to interface \"" + coordinate + "\" field");
        }
        if (f.meta.listSize) {
          listSize(coordinate, f);
        }
      }
    }
  }

  private static boolean hasAuth(MetadataDirectives m) {
    return m.authenticated || m.scopes != null || m.policies != null;
  }

  private void authOnInterface(String coordinate, String what) {
    add(
        "AUTH_REQUIREMENTS_APPLIED_ON_INTERFACE",
        coordinate,
        "Invalid use of an authorization directive on "
            + what
            + " \""
            + coordinate
            + "\" in subgraph \""
            + subgraph.name
            + "\": @authenticated, @requiresScopes and @policy cannot be applied on interfaces,"
            + " interface fields and interface objects; put them on the implementing types.");
  }

  private void listSize(String coordinate, Member f) {
    MetadataDirectives m = f.meta;
    if (m.assumedSize != null && m.assumedSize < 0) {
      add(
          "LIST_SIZE_INVALID_ASSUMED_SIZE",
          coordinate,
          "\"" + coordinate + "\" has a negative @listSize(assumedSize:) value");
      return;
    }
    boolean sized = m.sizedFields != null && !m.sizedFields.isEmpty();
    if (!sized && !f.type.contains("[")) {
      add(
          "LIST_SIZE_INVALID_SIZED_FIELD",
          coordinate,
          "\"" + coordinate + "\" is not a list: add @listSize(sizedFields:) or remove @listSize.");
      return;
    }
    if (sized) {
      TypeDef target = subgraph.types.get(Subgraph.namedType(f.type));
      if (target == null || (target.kind != Kind.OBJECT && target.kind != Kind.INTERFACE)) {
        add(
            "LIST_SIZE_INVALID_SIZED_FIELD",
            coordinate,
            "\"" + coordinate + "\" has @listSize(sizedFields:) but its type is not composite");
        return;
      }
      for (String name : m.sizedFields) {
        Member sizedField = target.fields.get(name);
        if (sizedField == null) {
          add(
              "LIST_SIZE_INVALID_SIZED_FIELD",
              coordinate,
              "\""
                  + coordinate
                  + "\" references \""
                  + name
                  + "\" field in @listSize(sizedFields:) argument that does not exist.");
        } else if (!sizedField.type.contains("[")) {
          add(
              "LIST_SIZE_APPLIED_TO_NON_LIST",
              coordinate,
              "\""
                  + coordinate
                  + "\" references \""
                  + name
                  + "\" field in @listSize(sizedFields:) argument that is not a list.");
        }
      }
    }
    if (m.slicingArguments != null) {
      for (String name : m.slicingArguments) {
        Member arg = f.args.get(name);
        if (arg == null || !arg.type.replace("!", "").equals("Int")) {
          add(
              "LIST_SIZE_INVALID_SLICING_ARGUMENT",
              coordinate,
              "\""
                  + coordinate
                  + "\" references \""
                  + name
                  + "\" argument in @listSize(slicingArguments:) that "
                  + (arg == null ? "does not exist." : "is not an integer."));
        }
      }
    }
  }

  private void add(String code, String coordinate, String message) {
    errors.add(Composer.error(code, List.of(subgraph.name), coordinate, message));
  }
}
