package dev.junction.composition;

import dev.junction.composition.MergedType.MergedField;
import dev.junction.composition.Subgraph.Kind;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MISSING_TRANSITIVE_AUTH_REQUIREMENTS, as {@code @theguild/federation-composition}'s
 * AuthOnRequiresRule checks it: a field with {@code @requires} must itself carry (on the field or
 * its type) every {@code @authenticated}, {@code @requiresScopes} and {@code @policy} requirement
 * of the fields and types its selection reads, or its value could leak what they protect.
 */
final class AuthOnRequires {
  /** What a caller must have (or, for the provided side, is known to have). */
  private record Access(
      boolean authenticated, List<List<String>> scopes, List<List<String>> policies) {

    static Access of(List<MetadataDirectives> metas) {
      boolean authenticated = metas.stream().anyMatch(m -> m.authenticated);
      return new Access(
          authenticated,
          orEmpty(MetadataDirectives.conjunction(metas.stream().map(m -> m.scopes).toList())),
          orEmpty(MetadataDirectives.conjunction(metas.stream().map(m -> m.policies).toList())));
    }

    Access and(Access other) {
      return new Access(
          authenticated || other.authenticated,
          orEmpty(
              MetadataDirectives.conjunction(
                  Arrays.asList(nullIfEmpty(scopes), nullIfEmpty(other.scopes)))),
          orEmpty(
              MetadataDirectives.conjunction(
                  Arrays.asList(nullIfEmpty(policies), nullIfEmpty(other.policies)))));
    }

    /** The reference rule: every required alternative is contained in some provided one. */
    boolean allows(Access required) {
      if (required.authenticated && !authenticated) {
        return false;
      }
      return covered(required.scopes, scopes) && covered(required.policies, policies);
    }

    private static boolean covered(List<List<String>> required, List<List<String>> provided) {
      for (List<String> group : required) {
        if (provided.stream().noneMatch(p -> p.containsAll(group))) {
          return false;
        }
      }
      return true;
    }

    private static List<List<String>> orEmpty(List<List<String>> dnf) {
      return dnf == null ? List.of() : dnf;
    }

    private static List<List<String>> nullIfEmpty(List<List<String>> dnf) {
      return dnf.isEmpty() ? null : dnf;
    }
  }

  private final Map<String, MergedType> types;
  private final List<CompositionError> errors;

  AuthOnRequires(Map<String, MergedType> types, List<CompositionError> errors) {
    this.types = types;
    this.errors = errors;
  }

  void run() {
    for (MergedType type : types.values()) {
      if (type.kind != Kind.OBJECT) {
        continue;
      }
      for (MergedField field : type.fields.values()) {
        check(type, field);
      }
    }
  }

  private void check(MergedType type, MergedField field) {
    for (Map.Entry<String, Subgraph.Member> declared : field.byGraph.entrySet()) {
      SelectionSet selection = parse(declared.getValue().requires);
      if (selection == null) {
        continue;
      }
      Access provided = typeAccess(type).and(fieldAccess(field));
      String lacking = selectionSet(type, selection, provided, 0);
      if (lacking != null) {
        String coordinate = type.name + "." + field.name;
        String what =
            lacking.contains(".") ? "field \"" + lacking + "\"" : "type \"" + lacking + "\"";
        errors.add(
            Composer.error(
                "MISSING_TRANSITIVE_AUTH_REQUIREMENTS",
                List.of(declared.getKey()),
                coordinate,
                "["
                    + declared.getKey()
                    + "] Field \""
                    + coordinate
                    + "\" does not specify necessary @authenticated, @requiresScopes and/or"
                    + " @policy auth requirements to access the transitive "
                    + what
                    + " data from @requires selection set: put at least the same directives on the"
                    + " field or its type."));
        return;
      }
    }
  }

  private static SelectionSet parse(String fields) {
    if (fields == null || fields.isBlank()) {
      return null;
    }
    try {
      return FieldSets.parse(fields);
    } catch (RuntimeException e) {
      return null; // FieldSetChecks reports an invalid field set
    }
  }

  /** The first field or type the selection reads without access, or null. */
  private String selectionSet(MergedType current, SelectionSet set, Access provided, int depth) {
    if (depth > 64) {
      return null;
    }
    if (current.kind != Kind.UNION && !provided.allows(typeAccess(current))) {
      return current.name;
    }
    for (Selection<?> selection : set.getSelections()) {
      if (selection instanceof Field f) {
        if (current.kind == Kind.UNION) {
          for (String member : members(current)) {
            MergedType memberType = types.get(member);
            if (memberType != null && !provided.allows(typeAccess(memberType))) {
              return member;
            }
          }
          return null;
        }
        String lacking = field(current, f, provided, depth);
        if (lacking != null) {
          return lacking;
        }
      } else if (selection instanceof InlineFragment fragment) {
        MergedType concrete =
            fragment.getTypeCondition() == null
                ? current
                : types.get(fragment.getTypeCondition().getName());
        if (concrete == null || concrete.kind == Kind.UNION) {
          continue;
        }
        if (!provided.allows(typeAccess(concrete))) {
          return concrete.name;
        }
        String lacking = selectionSet(concrete, fragment.getSelectionSet(), provided, depth + 1);
        if (lacking != null) {
          return lacking;
        }
      }
    }
    return null;
  }

  private String field(MergedType current, Field selection, Access provided, int depth) {
    String name = selection.getName();
    if (name.equals("__typename")) {
      return null;
    }
    MergedField field = current.fields.get(name);
    String type;
    Access required;
    if (field != null) {
      type = field.type;
      required = fieldAccess(field);
    } else {
      type = null;
      required = null;
      for (String iface : interfaces(current)) {
        MergedType it = types.get(iface);
        MergedField inherited = it == null ? null : it.fields.get(name);
        if (inherited != null) {
          type = inherited.type;
          required =
              required == null ? fieldAccess(inherited) : required.and(fieldAccess(inherited));
        }
      }
      if (required == null) {
        return null; // not a field of the type: reported by the field set checks
      }
    }
    String coordinate = current.name + "." + name;
    if (!provided.allows(required)) {
      return coordinate;
    }
    String output = type == null ? null : Subgraph.namedType(type);
    if (output == null || Composer.BUILT_IN_SCALARS.contains(output)) {
      return null;
    }
    MergedType outputType = types.get(output);
    if (outputType == null) {
      return null;
    }
    if (outputType.kind != Kind.UNION && !provided.allows(typeAccess(outputType))) {
      return coordinate;
    }
    if (selection.getSelectionSet() == null
        || outputType.kind == Kind.ENUM
        || outputType.kind == Kind.SCALAR) {
      return null;
    }
    return selectionSet(outputType, selection.getSelectionSet(), provided, depth + 1);
  }

  private static Access typeAccess(MergedType type) {
    List<MetadataDirectives> metas = new ArrayList<>();
    type.byGraph.values().forEach(d -> metas.add(d.meta));
    return Access.of(metas);
  }

  private static Access fieldAccess(MergedField field) {
    List<MetadataDirectives> metas = new ArrayList<>();
    field.byGraph.values().forEach(m -> metas.add(m.meta));
    return Access.of(metas);
  }

  private static Set<String> members(MergedType union) {
    Set<String> out = new LinkedHashSet<>();
    union.byGraph.values().forEach(d -> out.addAll(d.members));
    return out;
  }

  private static Set<String> interfaces(MergedType type) {
    Set<String> out = new LinkedHashSet<>();
    type.byGraph.values().forEach(d -> out.addAll(d.interfaces));
    return out;
  }
}
