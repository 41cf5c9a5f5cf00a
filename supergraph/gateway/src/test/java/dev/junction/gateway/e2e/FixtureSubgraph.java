package dev.junction.gateway.e2e;

import com.apollographql.federation.graphqljava.Federation;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.InterfaceTypeExtensionDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.TypeDefinition;
import graphql.parser.Parser;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.TypeResolver;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.InterfaceWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnionWiringEnvironment;
import graphql.schema.idl.WiringFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A federated subgraph backed by a JSON fixture: a graphql-java schema built from the subgraph SDL
 * (with federation-jvm adding {@code _service} and {@code _entities}) whose data fetchers read the
 * fixture.
 *
 * <p>Fixture layout: {@code {"Query": {...root field values...}, "Mutation": {...}, "entities":
 * {"Type": [{...entity...}]}, "http": {...failure modes, see FixtureServer...}}}. Field values are
 * plain JSON or one of the {@link FixtureValues} directives ({@code $byArgs}, {@code $error},
 * {@code $sequence}, {@code $rep}, {@code $format}). Abstract types are resolved from the {@code
 * __typename} in the data. An entity representation matches a fixture entity of its {@code
 * __typename} (or, for an interface, of any implementation) when the values of the fields of any
 * {@code @key} of the type are equal; the resolved entity is the representation overlaid with the
 * fixture entity, and the representation stays available to {@code $rep} and {@code $format}.
 */
final class FixtureSubgraph {
  private final String name;
  private final String sdl;
  private final Map<String, Object> fixture;
  private final Map<String, List<SelectionSet>> keysByType = new HashMap<>();
  private final FixtureValues values = new FixtureValues();
  private final GraphQLSchema schema;
  private final GraphQL graphql;

  FixtureSubgraph(String name, String sdl, Map<String, Object> fixture) {
    this.name = name;
    this.sdl = sdl;
    this.fixture = fixture == null ? Map.of() : fixture;
    Document document = withOrphanExtensionsAsDefinitions(Parser.parse(sdl));
    TypeDefinitionRegistry registry = new SchemaParser().buildRegistry(document);
    collectKeys(document);
    RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring().wiringFactory(new Wiring()).build();
    this.schema =
        Federation.transform(registry, wiring)
            .fetchEntities(this::fetchEntities)
            .resolveEntityType(this::resolveType)
            .build();
    this.graphql = GraphQL.newGraphQL(schema).build();
  }

  String name() {
    return name;
  }

  String sdl() {
    return sdl;
  }

  GraphQLSchema schema() {
    return schema;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> http() {
    Object http = fixture.get("http");
    return http instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** Executes one operation; the result is the GraphQL response as ordered maps. */
  Map<String, Object> execute(String query, Map<String, Object> variables, String operationName) {
    ExecutionInput input =
        ExecutionInput.newExecutionInput()
            .query(query == null ? "" : query)
            .variables(variables == null ? Map.of() : variables)
            .operationName(operationName)
            .build();
    return graphql.execute(input).toSpecification();
  }

  // --- schema building -------------------------------------------------------------------

  /**
   * Federation 1 subgraphs extend types (often {@code Query}) that they never define; graphql-java
   * rejects such extensions, so the first extension of an undefined type becomes its definition.
   */
  private static Document withOrphanExtensionsAsDefinitions(Document document) {
    Set<String> defined = new HashSet<>();
    for (Definition<?> d : document.getDefinitions()) {
      if (d instanceof TypeDefinition<?> t
          && !(d instanceof ObjectTypeExtensionDefinition)
          && !(d instanceof InterfaceTypeExtensionDefinition)) {
        defined.add(t.getName());
      }
    }
    List<Definition> out = new ArrayList<>();
    for (Definition<?> d : document.getDefinitions()) {
      if (d instanceof ObjectTypeExtensionDefinition ext && defined.add(ext.getName())) {
        out.add(
            ObjectTypeDefinition.newObjectTypeDefinition()
                .name(ext.getName())
                .implementz(ext.getImplements())
                .directives(ext.getDirectives())
                .fieldDefinitions(ext.getFieldDefinitions())
                .build());
      } else if (d instanceof InterfaceTypeExtensionDefinition ext && defined.add(ext.getName())) {
        out.add(
            InterfaceTypeDefinition.newInterfaceTypeDefinition()
                .name(ext.getName())
                .implementz(ext.getImplements())
                .directives(ext.getDirectives())
                .definitions(ext.getFieldDefinitions())
                .build());
      } else {
        out.add(d);
      }
    }
    return document.transform(b -> b.definitions(out));
  }

  private void collectKeys(Document document) {
    for (Definition<?> d : document.getDefinitions()) {
      List<Directive> directives;
      String type;
      if (d instanceof ObjectTypeDefinition o) {
        type = o.getName();
        directives = o.getDirectives();
      } else if (d instanceof InterfaceTypeDefinition i) {
        type = i.getName();
        directives = i.getDirectives();
      } else {
        continue;
      }
      for (Directive directive : directives) {
        if (directive.getName().equals("key") || directive.getName().equals("federation__key")) {
          if (directive.getArgument("fields") != null
              && directive.getArgument("fields").getValue() instanceof StringValue fields) {
            keysByType
                .computeIfAbsent(type, t -> new ArrayList<>())
                .add(parseFieldSet(fields.getValue()));
          }
        }
      }
    }
  }

  static SelectionSet parseFieldSet(String fields) {
    Document doc = Parser.parse("{" + fields + "}");
    return ((graphql.language.OperationDefinition) doc.getDefinitions().get(0)).getSelectionSet();
  }

  private final class Wiring implements WiringFactory {
    @Override
    public boolean providesTypeResolver(InterfaceWiringEnvironment environment) {
      return true;
    }

    @Override
    public TypeResolver getTypeResolver(InterfaceWiringEnvironment environment) {
      return FixtureSubgraph.this::resolveType;
    }

    @Override
    public boolean providesTypeResolver(UnionWiringEnvironment environment) {
      return true;
    }

    @Override
    public TypeResolver getTypeResolver(UnionWiringEnvironment environment) {
      return FixtureSubgraph.this::resolveType;
    }

    @Override
    public DataFetcher<?> getDefaultDataFetcher(FieldWiringEnvironment environment) {
      return FixtureSubgraph.this::fetchField;
    }
  }

  private GraphQLObjectType resolveType(graphql.TypeResolutionEnvironment env) {
    Object object = env.getObject();
    if (object instanceof Map<?, ?> map && map.get("__typename") instanceof String typename) {
      return env.getSchema().getObjectType(typename);
    }
    GraphQLType abstractType = env.getFieldType();
    throw new IllegalStateException(
        "fixture " + name + ": object without __typename for abstract type " + abstractType);
  }

  // --- data fetching ---------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  private Object fetchField(DataFetchingEnvironment env) {
    Object source = env.getSource();
    Map<String, Object> parent;
    Object representation = env.getLocalContext();
    String parentType = ((GraphQLObjectType) env.getParentType()).getName();
    if (isRootType(parentType)) {
      Object root = fixture.get(parentType);
      parent = root instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    } else if (source instanceof Map<?, ?> m) {
      parent = (Map<String, Object>) m;
    } else {
      return null;
    }
    if (parent.containsKey(FixtureValues.REPRESENTATION)) {
      representation = parent.get(FixtureValues.REPRESENTATION);
    }
    Field field = env.getField();
    if (field.getName().equals("__typename")) {
      return parentType;
    }
    FixtureValues.Resolved resolved =
        values.resolve(parent.get(field.getName()), env.getArguments(), representation);
    DataFetcherResult.Builder<Object> result =
        DataFetcherResult.newResult().data(resolved.value()).localContext(representation);
    for (Map<String, Object> error : resolved.errors()) {
      result.error(toGraphqlError(env, error));
    }
    return result.build();
  }

  private boolean isRootType(String typeName) {
    return typeName.equals(schema().getQueryType().getName())
        || (schema().getMutationType() != null
            && typeName.equals(schema().getMutationType().getName()));
  }

  private static graphql.GraphQLError toGraphqlError(
      DataFetchingEnvironment env, Map<String, Object> error) {
    GraphqlErrorBuilder<?> builder =
        GraphqlErrorBuilder.newError(env)
            .message(String.valueOf(error.getOrDefault("message", "fixture error")));
    if (error.get("extensions") instanceof Map<?, ?> ext) {
      Map<String, Object> extensions = new LinkedHashMap<>();
      ext.forEach((k, v) -> extensions.put(String.valueOf(k), v));
      builder.extensions(extensions);
    }
    return builder.build();
  }

  @SuppressWarnings("unchecked")
  private Object fetchEntities(DataFetchingEnvironment env) {
    List<Map<String, Object>> representations = env.getArgument("representations");
    List<Object> out = new ArrayList<>();
    DataFetcherResult.Builder<Object> result = DataFetcherResult.newResult();
    Map<String, Object> entities =
        fixture.get("entities") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    for (int i = 0; i < representations.size(); i++) {
      Map<String, Object> rep = representations.get(i);
      Map<String, Object> entry = findEntity(entities, rep);
      if (entry == null) {
        out.add(null);
        continue;
      }
      if (entry.get("$entityError") instanceof Map<?, ?> error) {
        out.add(null);
        result.error(
            GraphqlErrorBuilder.newError()
                .message(String.valueOf(error.get("message")))
                .path(List.of("_entities", i))
                .extensions(
                    error.get("extensions") instanceof Map<?, ?> ext
                        ? (Map<String, Object>) ext
                        : null)
                .build());
        continue;
      }
      Map<String, Object> entity = new LinkedHashMap<>(rep);
      entity.putAll(entry);
      entity.put(FixtureValues.REPRESENTATION, rep);
      entity.put("__typename", entityTypename(rep, entry));
      out.add(entity);
    }
    return result.data(out).build();
  }

  private String entityTypename(Map<String, Object> rep, Map<String, Object> entry) {
    if (entry.get("__typename") instanceof String t) {
      return t;
    }
    return (String) rep.get("__typename");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> findEntity(Map<String, Object> entities, Map<String, Object> rep) {
    String typename = (String) rep.get("__typename");
    List<String> candidateTypes = new ArrayList<>();
    candidateTypes.add(typename);
    GraphQLType type = schema.getType(typename);
    if (type instanceof GraphQLInterfaceType iface) {
      schema.getImplementations(iface).forEach(o -> candidateTypes.add(o.getName()));
    }
    List<SelectionSet> keys = keysByType.getOrDefault(typename, List.of());
    for (String candidate : candidateTypes) {
      if (!(entities.get(candidate) instanceof List<?> list)) {
        continue;
      }
      for (Object item : list) {
        Map<String, Object> entry = (Map<String, Object>) item;
        if (matches(entry, rep, keys)) {
          if (!candidate.equals(typename) && !entry.containsKey("__typename")) {
            Map<String, Object> typed = new LinkedHashMap<>(entry);
            typed.put("__typename", candidate);
            return typed;
          }
          return entry;
        }
      }
    }
    return null;
  }

  private static boolean matches(
      Map<String, Object> entry, Map<String, Object> rep, List<SelectionSet> keys) {
    if (Boolean.TRUE.equals(entry.get("$matchAny"))) {
      return true;
    }
    for (SelectionSet key : keys) {
      Object repKey = project(rep, key);
      if (repKey != null && FixtureValues.jsonEquals(repKey, project(entry, key))) {
        return true;
      }
    }
    return false;
  }

  /** The values of a field set's fields in an object, or null when one is missing. */
  @SuppressWarnings("unchecked")
  static Object project(Object value, SelectionSet selection) {
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        Object projected = project(item, selection);
        if (projected == null && item != null) {
          return null;
        }
        out.add(projected);
      }
      return out;
    }
    if (!(value instanceof Map<?, ?> map)) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (var selection1 : selection.getSelections()) {
      if (!(selection1 instanceof Field f)) {
        continue;
      }
      if (!map.containsKey(f.getName())) {
        return null;
      }
      Object v = ((Map<String, Object>) map).get(f.getName());
      if (f.getSelectionSet() != null && v != null) {
        v = project(v, f.getSelectionSet());
        if (v == null) {
          return null;
        }
      }
      out.put(f.getName(), v);
    }
    return out;
  }
}
