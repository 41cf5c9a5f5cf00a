package dev.junction.composition;

import dev.junction.composition.MergedType.MergedField;
import dev.junction.composition.Subgraph.Kind;
import dev.junction.composition.Subgraph.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Cross-subgraph rules: field sharing, {@code @external}, {@code @override}, inaccessible. */
final class Validations {

  private final Map<String, Subgraph> subgraphs = new java.util.LinkedHashMap<>();
  private final Map<String, MergedType> types;
  private final List<CompositionError> errors;

  Validations(
      List<Subgraph> subgraphs, Map<String, MergedType> types, List<CompositionError> errors) {
    subgraphs.forEach(s -> this.subgraphs.put(s.name, s));
    this.types = types;
    this.errors = errors;
  }

  void run() {
    for (MergedType type : types.values()) {
      if (type.kind == Kind.OBJECT) {
        for (MergedField field : type.fields.values()) {
          checkOverride(type, field);
          checkSharing(type, field);
          checkExternalBase(type, field);
        }
      }
      if (type.kind == Kind.OBJECT || type.kind == Kind.INTERFACE) {
        for (MergedField field : type.fields.values()) {
          checkArguments(type, field);
          checkInaccessibleReference(type, field);
        }
      }
      if (type.kind == Kind.INPUT) {
        type.fields.values().forEach(f -> checkInaccessibleReference(type, f));
      }
    }
    for (MergedType type : types.values()) {
      boolean composite =
          type.kind == Kind.OBJECT || type.kind == Kind.INTERFACE || type.kind == Kind.INPUT;
      if (composite && type.kind != Kind.INPUT && type.fields.isEmpty()) {
        errors.add(
            Composer.error(
                "INVALID_GRAPHQL",
                List.copyOf(type.byGraph.keySet()),
                type.name,
                "Type \"" + type.name + "\" defines no fields: add at least one field."));
      } else if ((composite || type.kind == Kind.ENUM)
          && !type.inaccessible
          && !type.name.equals("Query")
          && !type.fields.isEmpty()
          && type.fields.values().stream().allMatch(f -> f.inaccessible)) {
        errors.add(
            Composer.error(
                "ONLY_INACCESSIBLE_CHILDREN",
                List.copyOf(type.byGraph.keySet()),
                type.name,
                "Type \""
                    + type.name
                    + "\" is accessible but all its fields or values are @inaccessible: make"
                    + " one accessible or mark the type @inaccessible."));
      }
    }
    for (MergedType type : types.values()) {
      boolean fed1ExtensionsOnly =
          type.kind == Kind.OBJECT
              && !List.of("Query", "Mutation", "Subscription").contains(type.name)
              && type.byGraph.keySet().stream().allMatch(g -> subgraphs.get(g).isFed1())
              && type.byGraph.values().stream().allMatch(t -> t.extension);
      if (fed1ExtensionsOnly) {
        errors.add(
            Composer.error(
                "EXTENSION_WITH_NO_BASE",
                List.copyOf(type.byGraph.keySet()),
                type.name,
                "Type \""
                    + type.name
                    + "\" is only extended (extend type / @extends) in "
                    + type.byGraph.keySet()
                    + " and defined nowhere: define it (without extend) in the subgraph that"
                    + " owns it."));
      }
      if (type.kind == Kind.INTERFACE
          && type.byGraph.values().stream().allMatch(t -> t.interfaceObject)) {
        errors.add(
            Composer.error(
                "INTERFACE_OBJECT_USAGE_ERROR",
                List.copyOf(type.byGraph.keySet()),
                type.name,
                "Type \""
                    + type.name
                    + "\" is declared with @interfaceObject in every subgraph that defines it"
                    + " "
                    + type.byGraph.keySet()
                    + ": some subgraph must define it as an interface (with @key) and list its"
                    + " implementations."));
      }
    }
    MergedType query = types.get("Query");
    if (query != null && query.fields.values().stream().allMatch(f -> f.inaccessible)) {
      errors.add(
          Composer.error(
              "QUERY_ROOT_TYPE_INACCESSIBLE",
              List.copyOf(query.byGraph.keySet()),
              "Query",
              "Every field of the Query root type is @inaccessible: make at least one field"
                  + " accessible."));
    }
  }

  /** Graphs that actually resolve a field: defined there, not external, not overridden away. */
  static List<String> resolvingGraphs(MergedField field) {
    List<String> graphs = new ArrayList<>();
    for (Map.Entry<String, Member> e : field.byGraph.entrySet()) {
      Member m = e.getValue();
      if (m.external) {
        continue;
      }
      boolean overridden =
          field.byGraph.values().stream().anyMatch(o -> e.getKey().equals(o.overrideFrom));
      if (!overridden) {
        graphs.add(e.getKey());
      }
    }
    return graphs;
  }

  private void checkSharing(MergedType type, MergedField field) {
    List<String> resolving = resolvingGraphs(field);
    if (resolving.size() < 2) {
      return;
    }
    if (type.name.equals("Subscription")) {
      // a subscription is served by one subgraph: a root field resolved by several cannot be
      // made shareable (the reference composers accept @shareable on one left alone)
      List<String> marked =
          field.byGraph.entrySet().stream()
              .filter(e -> e.getValue().shareable)
              .map(Map.Entry::getKey)
              .toList();
      if (!marked.isEmpty()) {
        String coordinate = type.name + "." + field.name;
        errors.add(
            Composer.error(
                "INVALID_FIELD_SHARING",
                marked,
                coordinate,
                "Fields on root level subscription object cannot be marked as shareable: \""
                    + coordinate
                    + "\" is @shareable in "
                    + marked
                    + ". Remove @shareable and resolve it in one subgraph."));
        return;
      }
    }
    List<String> unshared = new ArrayList<>();
    for (String g : resolving) {
      Member m = field.byGraph.get(g);
      Subgraph s = subgraphs.get(g);
      // Fields a @key selects are shareable, nested ones too (Location.zone under
      // @key(fields: "code { zone }")), as the reference composers collect key fields.
      boolean shareable = m.shareable || s.isFed1() || m.usedAsKey;
      if (!shareable) {
        unshared.add(g);
      }
    }
    if (!unshared.isEmpty()) {
      String coordinate = type.name + "." + field.name;
      errors.add(
          Composer.error(
              "INVALID_FIELD_SHARING",
              resolving,
              coordinate,
              "Non-shareable field \""
                  + coordinate
                  + "\" is resolved from multiple subgraphs: it is resolved from subgraphs "
                  + resolving
                  + " and defined as non-shareable in "
                  + unshared
                  + ". Mark it @shareable in every subgraph that resolves it, or @external (or"
                  + " @override) where it should not be resolved."));
    }
  }

  private void checkExternalBase(MergedType type, MergedField field) {
    boolean anyExternal = field.byGraph.values().stream().anyMatch(m -> m.external);
    if (!anyExternal || field.byGraph.values().stream().anyMatch(m -> !m.external)) {
      return;
    }
    boolean fed1ExtensionKey =
        field.byGraph.entrySet().stream()
            .allMatch(
                e ->
                    e.getValue().usedAsKey
                        && type.byGraph.get(e.getKey()).extension
                        && subgraphs.get(e.getKey()).isFed1());
    if (fed1ExtensionKey) {
      return;
    }
    for (MergedType other : types.values()) {
      if (other.kind == Kind.INTERFACE
          && other.hasInterfaceObject()
          && other.fields.containsKey(field.name)
          && type.byGraph.values().stream().anyMatch(t -> t.interfaces.contains(other.name))) {
        return;
      }
    }
    String coordinate = type.name + "." + field.name;
    errors.add(
        Composer.error(
            "EXTERNAL_MISSING_ON_BASE",
            List.copyOf(field.byGraph.keySet()),
            coordinate,
            "Field \""
                + coordinate
                + "\" is marked @external in every subgraph that defines it "
                + field.byGraph.keySet()
                + ": define it without @external in the subgraph that resolves it."));
  }

  private void checkOverride(MergedType type, MergedField field) {
    String coordinate = type.name + "." + field.name;
    for (Map.Entry<String, Member> e : field.byGraph.entrySet()) {
      Member m = e.getValue();
      if (m.overrideFrom == null) {
        continue;
      }
      if (m.overrideFrom.equals(e.getKey())) {
        errors.add(
            Composer.error(
                "OVERRIDE_FROM_SELF_ERROR",
                List.of(e.getKey()),
                coordinate,
                "Field \""
                    + coordinate
                    + "\" in subgraph \""
                    + e.getKey()
                    + "\" overrides itself: name the subgraph it takes the field from."));
      }
      if (m.external || m.requires != null || m.provides != null) {
        errors.add(
            Composer.error(
                "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
                List.of(e.getKey()),
                coordinate,
                "Field \""
                    + coordinate
                    + "\" in subgraph \""
                    + e.getKey()
                    + "\" has @override together with @external, @requires or @provides:"
                    + " remove one of them."));
      }
      Member source = field.byGraph.get(m.overrideFrom);
      if (source != null && source != m && source.overrideFrom != null) {
        errors.add(
            Composer.error(
                "OVERRIDE_SOURCE_HAS_OVERRIDE",
                List.of(e.getKey(), m.overrideFrom),
                coordinate,
                "Field \""
                    + coordinate
                    + "\" is overridden from subgraph \""
                    + m.overrideFrom
                    + "\", which itself overrides it: keep a single @override."));
      }
    }
  }

  private void checkArguments(MergedType type, MergedField field) {
    if (field.byGraph.size() < 2) {
      return;
    }
    for (Map.Entry<String, Member> e : field.byGraph.entrySet()) {
      for (Member arg : e.getValue().args.values()) {
        if (!arg.type.endsWith("!") || arg.defaultValue != null) {
          continue;
        }
        List<String> missing = new ArrayList<>();
        field.byGraph.forEach(
            (g, m) -> {
              if (!m.args.containsKey(arg.name) && !m.external) {
                missing.add(g);
              }
            });
        if (!missing.isEmpty()) {
          String coordinate = type.name + "." + field.name + "(" + arg.name + ":)";
          errors.add(
              Composer.error(
                  "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH",
                  missing,
                  coordinate,
                  "Argument \""
                      + coordinate
                      + "\" is required in subgraph \""
                      + e.getKey()
                      + "\" but missing in "
                      + missing
                      + ": add it there or make it optional."));
          return;
        }
      }
    }
  }

  private void checkInaccessibleReference(MergedType type, MergedField field) {
    if (field.inaccessible || type.inaccessible || field.type == null) {
      return;
    }
    MergedType target = types.get(Subgraph.namedType(field.type));
    if (target != null && target.inaccessible) {
      String coordinate = type.name + "." + field.name;
      errors.add(
          Composer.error(
              "REFERENCED_INACCESSIBLE",
              List.copyOf(field.byGraph.keySet()),
              coordinate,
              "Field \""
                  + coordinate
                  + "\" returns type \""
                  + target.name
                  + "\", which is @inaccessible, but the field itself is accessible: mark the"
                  + " field @inaccessible too (or make the type accessible)."));
    }
  }
}
