package dev.junction.gateway.authorization;

import graphql.language.ArrayValue;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.StringValue;
import graphql.language.TypeDefinition;
import graphql.language.Value;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The authorization directives of a supergraph ({@code @authenticated}, {@code @requiresScopes},
 * {@code @policy}) by type and by field. A type's requirement applies to every field that returns
 * it, and to fragments on it.
 */
public final class AuthorizationRules {
  private final Map<String, Requirement> types;
  private final Map<String, Requirement> fields;
  private final Set<String> policies;

  private AuthorizationRules(
      Map<String, Requirement> types, Map<String, Requirement> fields, Set<String> policies) {
    this.types = Map.copyOf(types);
    this.fields = Map.copyOf(fields);
    this.policies = Set.copyOf(policies);
  }

  /** The rules of a supergraph SDL (none when it uses no authorization directive). */
  public static AuthorizationRules of(String supergraphSdl) {
    Document doc =
        new Parser()
            .parseDocument(
                ParserEnvironment.newParserEnvironment()
                    .document(supergraphSdl)
                    .parserOptions(ParserOptions.getDefaultSdlParserOptions())
                    .build());
    Map<String, Requirement> types = new HashMap<>();
    Map<String, Requirement> fields = new HashMap<>();
    Set<String> policies = new TreeSet<>();
    Map<String, String> returnTypes = new HashMap<>();
    Map<String, String> requiresOf = new HashMap<>();
    for (Definition<?> d : doc.getDefinitions()) {
      if (!(d instanceof TypeDefinition<?> t)) {
        continue;
      }
      Requirement own = requirement(t.getDirectives(), policies);
      if (!own.none()) {
        types.merge(t.getName(), own, Requirement::and);
      }
      List<FieldDefinition> defs =
          d instanceof ObjectTypeDefinition o
              ? o.getFieldDefinitions()
              : d instanceof InterfaceTypeDefinition i ? i.getFieldDefinitions() : List.of();
      for (FieldDefinition f : defs) {
        Requirement r = requirement(f.getDirectives(), policies);
        if (!r.none()) {
          fields.merge(t.getName() + "." + f.getName(), r, Requirement::and);
        }
        returnTypes.put(
            t.getName() + "." + f.getName(),
            graphql.schema.idl.TypeUtil.unwrapAll(f.getType()).getName());
        for (Directive join : f.getDirectives("join__field")) {
          if (join.getArgument("requires") != null
              && join.getArgument("requires").getValue() instanceof StringValue fieldSet) {
            requiresOf.put(t.getName() + "." + f.getName(), fieldSet.getValue());
          }
        }
      }
      if (!(d instanceof ObjectTypeDefinition
          || d instanceof InterfaceTypeDefinition
          || d instanceof ScalarTypeDefinition
          || d instanceof EnumTypeDefinition)) {
        types.remove(t.getName());
      }
    }
    // A field computed from a protected field is protected as much (as composition demands with
    // MISSING_TRANSITIVE_AUTH_REQUIREMENTS): else its value could leak the protected one.
    // Repeated until nothing changes: a requirement may itself be computed from a protected field.
    boolean changed = true;
    for (int round = 0; changed && round <= requiresOf.size(); round++) {
      changed = false;
      for (Map.Entry<String, String> e : requiresOf.entrySet()) {
        String parent = e.getKey().substring(0, e.getKey().indexOf('.'));
        Requirement inherited =
            RequiredFields.requirement(parent, e.getValue(), types, fields, returnTypes);
        Requirement before = fields.getOrDefault(e.getKey(), Requirement.NONE);
        Requirement after = before.and(inherited);
        if (!after.equals(before)) {
          fields.put(e.getKey(), after);
          changed = true;
        }
      }
    }
    return new AuthorizationRules(types, fields, policies);
  }

  /** Whether the supergraph has no authorization directive at all. */
  public boolean isEmpty() {
    return types.isEmpty() && fields.isEmpty();
  }

  /** Every policy name the supergraph uses. */
  public Set<String> policies() {
    return policies;
  }

  /** The requirement of a type itself (on fields returning it and fragments on it). */
  public Requirement type(String typeName) {
    return types.getOrDefault(typeName, Requirement.NONE);
  }

  /** The requirement of selecting {@code parent.field} that returns {@code returnType}. */
  public Requirement field(String parent, String field, String returnType) {
    return fields
        .getOrDefault(parent + "." + field, Requirement.NONE)
        .and(types.getOrDefault(returnType, Requirement.NONE));
  }

  private static Requirement requirement(List<Directive> directives, Set<String> policyNames) {
    boolean authenticated = false;
    List<Set<String>> scopes = null;
    List<Set<String>> policies = null;
    for (Directive d : directives) {
      switch (d.getName()) {
        case "authenticated" -> authenticated = true;
        case "requiresScopes" -> scopes = dnf(d, "scopes");
        case "policy" -> {
          policies = dnf(d, "policies");
          policies.forEach(policyNames::addAll);
        }
        default -> {}
      }
    }
    return new Requirement(authenticated, scopes, policies);
  }

  private static List<Set<String>> dnf(Directive d, String argument) {
    List<Set<String>> out = new ArrayList<>();
    var arg = d.getArgument(argument);
    if (arg == null || !(arg.getValue() instanceof ArrayValue outer)) {
      return List.of(Set.of());
    }
    for (Value<?> v : outer.getValues()) {
      Set<String> clause = new LinkedHashSet<>();
      if (v instanceof ArrayValue inner) {
        inner.getValues().forEach(x -> clause.add(x instanceof StringValue s ? s.getValue() : ""));
      } else if (v instanceof StringValue s) {
        clause.add(s.getValue());
      }
      out.add(Set.copyOf(clause));
    }
    // No alternatives means no demand (as the composers read an empty list: true).
    return out.isEmpty() ? List.of(Set.of()) : out;
  }
}
