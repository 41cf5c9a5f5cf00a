package dev.junction.planner.supergraph;

import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.DirectiveDefinition;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.OperationTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaPrinter;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The API schema of a supergraph: the join/link machinery, every {@code @inaccessible} element and
 * every non-built-in directive removed. Client operations are validated and introspected against
 * it.
 */
public final class ApiSchema {
  private static final Set<String> BUILT_IN_DIRECTIVES =
      Set.of("deprecated", "specifiedBy", "oneOf", "skip", "include");

  private final GraphQLSchema schema;
  private final String sdl;

  private ApiSchema(GraphQLSchema schema) {
    this.schema = schema;
    this.sdl =
        new SchemaPrinter(
                SchemaPrinter.Options.defaultOptions()
                    .includeDirectives(d -> BUILT_IN_DIRECTIVES.contains(d))
                    .includeScalarTypes(true))
            .print(schema);
  }

  /** The executable API schema (introspection only; it has no data fetchers). */
  public GraphQLSchema schema() {
    return schema;
  }

  /** The API schema as SDL. */
  public String sdl() {
    return sdl;
  }

  static ApiSchema derive(Document supergraph) {
    Set<String> removedTypes = new HashSet<>();
    for (Definition<?> def : supergraph.getDefinitions()) {
      if (def instanceof TypeDefinition<?> t && !(def instanceof SchemaDefinition)) {
        String n = t.getName();
        if (n.startsWith("join__")
            || n.startsWith("link__")
            || n.startsWith("core__")
            || n.startsWith("requiresScopes__")
            || n.startsWith("policy__")
            || n.equals("_Any")
            || n.equals("_Service")
            || n.equals("_Entity")
            || inaccessible(t.getDirectives())) {
          removedTypes.add(n);
        }
      }
    }
    // Remove object/interface types left without fields (e.g. a Mutation of internal fields only).
    boolean changed = true;
    List<Definition<?>> kept = new ArrayList<>();
    while (changed) {
      changed = false;
      kept.clear();
      for (Definition<?> def : supergraph.getDefinitions()) {
        Definition<?> out = strip(def, removedTypes);
        if (out == null) {
          continue;
        }
        if (out instanceof ObjectTypeDefinition o && o.getFieldDefinitions().isEmpty()
            || out instanceof InterfaceTypeDefinition i && i.getFieldDefinitions().isEmpty()
            || out instanceof UnionTypeDefinition u && u.getMemberTypes().isEmpty()
            || out instanceof InputObjectTypeDefinition in
                && in.getInputValueDefinitions().isEmpty()
            || out instanceof EnumTypeDefinition e && e.getEnumValueDefinitions().isEmpty()) {
          if (removedTypes.add(((TypeDefinition<?>) out).getName())) {
            changed = true;
          }
          continue;
        }
        kept.add(out);
      }
    }
    TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
    for (Definition<?> d : kept) {
      registry.add((graphql.language.SDLDefinition<?>) d);
    }
    return new ApiSchema(SchemaBuilding.executable(registry));
  }

  private static Definition<?> strip(Definition<?> def, Set<String> removedTypes) {
    if (def instanceof DirectiveDefinition) {
      return null;
    }
    if (def instanceof SchemaDefinition s) {
      List<OperationTypeDefinition> ops = new ArrayList<>();
      for (OperationTypeDefinition op : s.getOperationTypeDefinitions()) {
        if (!removedTypes.contains(op.getTypeName().getName())) {
          ops.add(op);
        }
      }
      return s.transform(b -> b.directives(List.of()).operationTypeDefinitions(ops));
    }
    if (def instanceof TypeDefinition<?> t && removedTypes.contains(t.getName())) {
      return null;
    }
    if (def instanceof ObjectTypeDefinition o) {
      return o.transform(
          b ->
              b.directives(builtIns(o.getDirectives()))
                  .fieldDefinitions(fields(o.getFieldDefinitions(), removedTypes))
                  .implementz(types(o.getImplements(), removedTypes)));
    }
    if (def instanceof InterfaceTypeDefinition i) {
      return i.transform(
          b ->
              b.directives(builtIns(i.getDirectives()))
                  .definitions(fields(i.getFieldDefinitions(), removedTypes))
                  .implementz(types(i.getImplements(), removedTypes)));
    }
    if (def instanceof UnionTypeDefinition u) {
      return u.transform(
          b ->
              b.directives(builtIns(u.getDirectives()))
                  .memberTypes(types(u.getMemberTypes(), removedTypes)));
    }
    if (def instanceof EnumTypeDefinition e) {
      List<EnumValueDefinition> values = new ArrayList<>();
      for (EnumValueDefinition v : e.getEnumValueDefinitions()) {
        if (!inaccessible(v.getDirectives())) {
          values.add(v.transform(b -> b.directives(builtIns(v.getDirectives()))));
        }
      }
      return e.transform(
          b -> b.directives(builtIns(e.getDirectives())).enumValueDefinitions(values));
    }
    if (def instanceof InputObjectTypeDefinition in) {
      return in.transform(
          b ->
              b.directives(builtIns(in.getDirectives()))
                  .inputValueDefinitions(inputs(in.getInputValueDefinitions(), removedTypes)));
    }
    if (def instanceof ScalarTypeDefinition sc) {
      return sc.transform(b -> b.directives(builtIns(sc.getDirectives())));
    }
    return def;
  }

  private static List<FieldDefinition> fields(List<FieldDefinition> in, Set<String> removedTypes) {
    List<FieldDefinition> out = new ArrayList<>();
    for (FieldDefinition f : in) {
      if (inaccessible(f.getDirectives()) || removedTypes.contains(named(f.getType()))) {
        continue;
      }
      out.add(
          f.transform(
              b ->
                  b.directives(builtIns(f.getDirectives()))
                      .inputValueDefinitions(inputs(f.getInputValueDefinitions(), removedTypes))));
    }
    return out;
  }

  private static List<InputValueDefinition> inputs(
      List<InputValueDefinition> in, Set<String> removedTypes) {
    List<InputValueDefinition> out = new ArrayList<>();
    for (InputValueDefinition v : in) {
      if (inaccessible(v.getDirectives()) || removedTypes.contains(named(v.getType()))) {
        continue;
      }
      out.add(v.transform(b -> b.directives(builtIns(v.getDirectives()))));
    }
    return out;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static List<Type> types(List<Type> in, Set<String> removedTypes) {
    List<Type> out = new ArrayList<>();
    for (Type t : in) {
      if (!removedTypes.contains(((TypeName) t).getName())) {
        out.add(t);
      }
    }
    return out;
  }

  private static String named(Type<?> t) {
    Type<?> cur = t;
    while (!(cur instanceof TypeName)) {
      cur =
          cur instanceof graphql.language.NonNullType nn
              ? nn.getType()
              : ((graphql.language.ListType) cur).getType();
    }
    return ((TypeName) cur).getName();
  }

  private static boolean inaccessible(List<Directive> directives) {
    for (Directive d : directives) {
      if (d.getName().equals("inaccessible")) {
        return true;
      }
    }
    return false;
  }

  private static List<Directive> builtIns(List<Directive> directives) {
    List<Directive> out = new ArrayList<>();
    for (Directive d : directives) {
      if (BUILT_IN_DIRECTIVES.contains(d.getName())) {
        out.add(d);
      }
    }
    return out;
  }
}
