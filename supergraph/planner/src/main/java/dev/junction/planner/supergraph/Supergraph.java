package dev.junction.planner.supergraph;

import dev.junction.planner.supergraph.JoinModel.FieldInGraph;
import dev.junction.planner.supergraph.JoinModel.Graph;
import dev.junction.planner.supergraph.JoinModel.TypeInGraph;
import graphql.language.Argument;
import graphql.language.BooleanValue;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValue;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.StringValue;
import graphql.language.TypeDefinition;
import graphql.language.UnionTypeDefinition;
import graphql.language.Value;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import graphql.schema.idl.SchemaParser;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loaded Federation supergraph: the subgraphs, which types and fields each subgraph has (the
 * {@code join} directives), the full supergraph schema and the API schema clients see. Immutable
 * and thread-safe once built.
 */
public final class Supergraph {
  private final Map<String, Graph> graphsByEnum = new LinkedHashMap<>();
  private final Map<String, Graph> graphsByName = new LinkedHashMap<>();
  private final Map<String, List<TypeInGraph>> typeGraphs = new HashMap<>();
  private final Map<String, Map<String, List<FieldInGraph>>> fieldGraphs = new HashMap<>();
  private final Map<String, Map<String, Set<String>>> implementsByGraph = new HashMap<>();
  private final Map<String, Map<String, Set<String>>> unionMembersByGraph = new HashMap<>();
  private final Set<String> typesWithImplementsInfo = new HashSet<>();
  private final Map<String, Set<String>> possibleTypesCache = new HashMap<>();
  private final GraphQLSchema schema;
  private final ApiSchema apiSchema;
  private final String sdl;

  private Supergraph(String sdl) {
    this.sdl = sdl;
    ParserOptions options =
        ParserOptions.getDefaultSdlParserOptions()
            .transform(b -> b.maxTokens(Integer.MAX_VALUE).maxCharacters(Integer.MAX_VALUE));
    Document document;
    try {
      document =
          new Parser()
              .parseDocument(
                  ParserEnvironment.newParserEnvironment()
                      .document(sdl)
                      .parserOptions(options)
                      .build());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("supergraph does not parse: " + e.getMessage(), e);
    }
    index(document);
    if (graphsByName.isEmpty()) {
      throw new IllegalArgumentException(
          "not a Federation supergraph: no join__Graph enum with @join__graph values");
    }
    this.schema = SchemaBuilding.executable(new SchemaParser().buildRegistry(document));
    this.apiSchema = ApiSchema.derive(document);
  }

  /**
   * Loads a supergraph SDL (join v0.2 or newer, as Apollo composition, rover and
   * {@code @theguild/federation-composition} emit it).
   *
   * @throws IllegalArgumentException when the SDL is not a valid supergraph
   */
  public static Supergraph parse(String sdl) {
    try {
      return new Supergraph(sdl);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid supergraph: " + e.getMessage(), e);
    }
  }

  private void index(Document document) {
    for (Definition<?> def : document.getDefinitions()) {
      if (def instanceof EnumTypeDefinition e && e.getName().equals("join__Graph")) {
        for (EnumValueDefinition v : e.getEnumValueDefinitions()) {
          Directive d = first(v, "join__graph");
          if (d != null) {
            Graph g = new Graph(v.getName(), str(d, "name"), str(d, "url"));
            graphsByEnum.put(v.getName(), g);
            graphsByName.put(g.name(), g);
          }
        }
      }
    }
    for (Definition<?> def : document.getDefinitions()) {
      if (!(def instanceof TypeDefinition<?> type) || def instanceof SchemaDefinition) {
        continue;
      }
      String typeName = type.getName();
      List<TypeInGraph> types = new ArrayList<>();
      for (Directive d : type.getDirectives("join__type")) {
        types.add(
            new TypeInGraph(
                graphName(d),
                str(d, "key"),
                bool(d, "extension", false),
                bool(d, "resolvable", true),
                bool(d, "isInterfaceObject", false)));
      }
      if (!types.isEmpty()) {
        typeGraphs.put(typeName, List.copyOf(types));
      }
      if (type instanceof ImplementingTypeDefinition<?> impl) {
        List<Directive> impls = impl.getDirectives("join__implements");
        if (!impls.isEmpty()) {
          typesWithImplementsInfo.add(typeName);
        }
        for (Directive d : impls) {
          implementsByGraph
              .computeIfAbsent(graphName(d), k -> new HashMap<>())
              .computeIfAbsent(typeName, k -> new HashSet<>())
              .add(str(d, "interface"));
        }
        Map<String, List<FieldInGraph>> fields = new HashMap<>();
        for (FieldDefinition f : impl.getFieldDefinitions()) {
          List<FieldInGraph> entries = new ArrayList<>();
          for (Directive d : f.getDirectives("join__field")) {
            String graph = graphName(d);
            entries.add(
                new FieldInGraph(
                    graph,
                    str(d, "requires"),
                    str(d, "provides"),
                    str(d, "type"),
                    bool(d, "external", false),
                    str(d, "override"),
                    bool(d, "usedOverridden", false)));
          }
          if (!entries.isEmpty()) {
            fields.put(f.getName(), List.copyOf(entries));
          }
        }
        fieldGraphs.put(typeName, fields);
      }
      if (type instanceof UnionTypeDefinition u) {
        for (Directive d : u.getDirectives("join__unionMember")) {
          unionMembersByGraph
              .computeIfAbsent(typeName, k -> new HashMap<>())
              .computeIfAbsent(graphName(d), k -> new LinkedHashSet<>())
              .add(str(d, "member"));
        }
      }
    }
  }

  private String graphName(Directive d) {
    Argument a = d.getArgument("graph");
    if (a == null || !(a.getValue() instanceof EnumValue ev)) {
      return null;
    }
    Graph g = graphsByEnum.get(ev.getName());
    return g == null ? null : g.name();
  }

  private static Directive first(DirectivesContainer<?> c, String name) {
    List<Directive> ds = c.getDirectives(name);
    return ds.isEmpty() ? null : ds.get(0);
  }

  private static String str(Directive d, String arg) {
    Argument a = d.getArgument(arg);
    if (a == null) {
      return null;
    }
    Value<?> v = a.getValue();
    return v instanceof StringValue s ? s.getValue() : null;
  }

  private static boolean bool(Directive d, String arg, boolean dflt) {
    Argument a = d.getArgument(arg);
    return a != null && a.getValue() instanceof BooleanValue b ? b.isValue() : dflt;
  }

  // ---------------------------------------------------------------- queries

  /** The SDL this supergraph was loaded from. */
  public String sdl() {
    return sdl;
  }

  /** The full supergraph schema (inaccessible elements included). */
  public GraphQLSchema schema() {
    return schema;
  }

  /** The API schema: what clients may query. */
  public ApiSchema apiSchema() {
    return apiSchema;
  }

  /** Subgraphs by name, in supergraph order. */
  public Map<String, Graph> graphs() {
    return graphsByName;
  }

  /** The {@code @join__type} entries of a type (empty when it has none). */
  public List<TypeInGraph> typeInGraphs(String typeName) {
    return typeGraphs.getOrDefault(typeName, List.of());
  }

  /** Whether subgraph {@code graph} defines the type. */
  public boolean typeInGraph(String typeName, String graph) {
    List<TypeInGraph> entries = typeGraphs.get(typeName);
    if (entries == null) {
      return !typeName.startsWith("__");
    }
    for (TypeInGraph t : entries) {
      if (graph.equals(t.graph())) {
        return true;
      }
    }
    return false;
  }

  /** The resolvable keys of a type in a subgraph (field set strings). */
  public List<TypeInGraph> keys(String typeName, String graph) {
    List<TypeInGraph> out = new ArrayList<>();
    for (TypeInGraph t : typeInGraphs(typeName)) {
      if (graph.equals(t.graph()) && t.key() != null && t.resolvable()) {
        out.add(t);
      }
    }
    return out;
  }

  /** All keys of a type in a subgraph, including {@code resolvable: false} ones. */
  public List<TypeInGraph> allKeys(String typeName, String graph) {
    List<TypeInGraph> out = new ArrayList<>();
    for (TypeInGraph t : typeInGraphs(typeName)) {
      if (graph.equals(t.graph()) && t.key() != null) {
        out.add(t);
      }
    }
    return out;
  }

  /** Whether the type is an {@code @interfaceObject} in the subgraph. */
  public boolean isInterfaceObject(String typeName, String graph) {
    for (TypeInGraph t : typeInGraphs(typeName)) {
      if (graph.equals(t.graph()) && t.interfaceObject()) {
        return true;
      }
    }
    return false;
  }

  /** The {@code @join__field} entries of a field (empty when it has none). */
  public List<FieldInGraph> fieldInGraphs(String typeName, String fieldName) {
    Map<String, List<FieldInGraph>> fields = fieldGraphs.get(typeName);
    if (fields == null) {
      return List.of();
    }
    return fields.getOrDefault(fieldName, List.of());
  }

  /** The {@code @join__field} entry of a field for one subgraph, or null. */
  public FieldInGraph fieldInGraph(String typeName, String fieldName, String graph) {
    for (FieldInGraph f : fieldInGraphs(typeName, fieldName)) {
      if (graph.equals(f.graph())) {
        return f;
      }
    }
    return null;
  }

  /**
   * Whether subgraph {@code graph} can resolve {@code typeName.fieldName} by itself (not counting
   * {@code @provides}): it defines the field, not as {@code @external} and not overridden; key
   * fields of its own keys always count.
   */
  public boolean resolves(String graph, String typeName, String fieldName) {
    if (fieldName.startsWith("__")) {
      return true;
    }
    List<FieldInGraph> entries = fieldInGraphs(typeName, fieldName);
    boolean anyGraph = false;
    boolean external = false;
    for (FieldInGraph f : entries) {
      if (f.graph() != null) {
        anyGraph = true;
        if (graph.equals(f.graph())) {
          if (!f.external() && !f.usedOverridden()) {
            return true;
          }
          external |= f.external();
        }
      }
    }
    if (external && !isExtension(typeName, graph)) {
      // A Federation 2 subgraph's @external key field: it knows the value only from the
      // representations it is sent, so it cannot answer the field where it returns the entity.
      // (A Federation 1 `extend type`'s @external key fields are answered: they are its keys.)
      return false;
    }
    if (anyGraph || !entries.isEmpty()) {
      return isKeyField(typeName, fieldName, graph);
    }
    return typeInGraph(typeName, graph);
  }

  private boolean isExtension(String typeName, String graph) {
    for (TypeInGraph t : typeInGraphs(typeName)) {
      if (graph.equals(t.graph()) && t.extension()) {
        return true;
      }
    }
    return false;
  }

  private boolean isKeyField(String typeName, String fieldName, String graph) {
    for (TypeInGraph t : typeInGraphs(typeName)) {
      if (graph.equals(t.graph()) && t.key() != null) {
        for (var sel : FieldSets.parse(t.key()).getSelections()) {
          if (sel instanceof graphql.language.Field f && f.getName().equals(fieldName)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The subgraphs that resolve a field by themselves, in supergraph order. */
  public List<String> graphsResolving(String typeName, String fieldName) {
    List<String> out = new ArrayList<>();
    for (String g : graphsByName.keySet()) {
      if (typeInGraph(typeName, g) && resolves(g, typeName, fieldName)) {
        out.add(g);
      }
    }
    return out;
  }

  /** The object types a value of {@code abstractOrObject} may have at runtime (supergraph). */
  public Set<String> possibleTypes(String typeName) {
    synchronized (possibleTypesCache) {
      return possibleTypesCache.computeIfAbsent(typeName, this::computePossibleTypes);
    }
  }

  private Set<String> computePossibleTypes(String typeName) {
    GraphQLType t = schema.getType(typeName);
    Set<String> out = new LinkedHashSet<>();
    if (t instanceof GraphQLObjectType o) {
      out.add(o.getName());
    } else if (t instanceof GraphQLInterfaceType i) {
      for (GraphQLObjectType o : schema.getImplementations(i)) {
        out.add(o.getName());
      }
    } else if (t instanceof GraphQLUnionType u) {
      for (GraphQLNamedType m : u.getTypes()) {
        out.add(m.getName());
      }
    }
    return Set.copyOf(out);
  }

  /**
   * The object types that subgraph {@code graph} may return for a field of abstract type {@code
   * typeName}: the union members or interface implementations it declares.
   */
  public Set<String> possibleTypesInGraph(String typeName, String graph) {
    GraphQLType t = schema.getType(typeName);
    Set<String> out = new LinkedHashSet<>();
    if (t instanceof GraphQLObjectType) {
      if (typeInGraph(typeName, graph)) {
        out.add(typeName);
      }
    } else if (t instanceof GraphQLUnionType u) {
      Map<String, Set<String>> byGraph = unionMembersByGraph.get(typeName);
      if (byGraph == null) {
        for (GraphQLNamedType m : u.getTypes()) {
          if (typeInGraph(m.getName(), graph)) {
            out.add(m.getName());
          }
        }
      } else {
        out.addAll(byGraph.getOrDefault(graph, Set.of()));
      }
    } else if (t instanceof GraphQLInterfaceType i) {
      for (GraphQLObjectType o : schema.getImplementations(i)) {
        if (implementsInGraph(o.getName(), typeName, graph)) {
          out.add(o.getName());
        }
      }
    }
    return out;
  }

  /** Whether, in subgraph {@code graph}, type {@code typeName} implements {@code iface}. */
  public boolean implementsInGraph(String typeName, String iface, String graph) {
    if (!typeInGraph(typeName, graph)) {
      return false;
    }
    if (!typesWithImplementsInfo.contains(typeName)) {
      return typeInGraph(iface, graph);
    }
    return implementsByGraph
        .getOrDefault(graph, Map.of())
        .getOrDefault(typeName, Set.of())
        .contains(iface);
  }

  /** Whether a type is abstract (interface or union) in the supergraph. */
  public boolean isAbstract(String typeName) {
    GraphQLType t = schema.getType(typeName);
    return t instanceof GraphQLInterfaceType || t instanceof GraphQLUnionType;
  }

  /** A field definition of a composite type, or null. */
  public GraphQLFieldDefinition field(String typeName, String fieldName) {
    GraphQLType t = schema.getType(typeName);
    if (t instanceof GraphQLFieldsContainer c) {
      return c.getFieldDefinition(fieldName);
    }
    return null;
  }

  /**
   * The type of {@code typeName.fieldName} as subgraph {@code graph} declares it (its
   * {@code @join__field(type:)}, which composition writes where it differs from the supergraph's),
   * else the supergraph type; printed, e.g. {@code [Account!]!}. Null for an unknown field.
   */
  public String fieldTypeInGraph(String typeName, String fieldName, String graph) {
    if (fieldName.equals("__typename")) {
      return "String!";
    }
    FieldInGraph join = fieldInGraph(typeName, fieldName, graph);
    if (join != null && join.type() != null) {
      return join.type();
    }
    GraphQLFieldDefinition def = field(typeName, fieldName);
    return def == null ? null : GraphQLTypeUtil.simplePrint(def.getType());
  }

  /** The named type of a printed type ({@code [Account!]!} → {@code Account}). */
  public static String namedType(String printedType) {
    return printedType.replace("[", "").replace("]", "").replace("!", "").trim();
  }

  /** The named type a field returns, lists and non-null unwrapped. */
  public static String namedType(GraphQLFieldDefinition field) {
    return GraphQLTypeUtil.unwrapAll(field.getType()).getName();
  }

  /** How many list levels wrap a field's type. */
  public static int listDepth(GraphQLFieldDefinition field) {
    int depth = 0;
    GraphQLType t = field.getType();
    while (true) {
      if (GraphQLTypeUtil.isNonNull(t)) {
        t = GraphQLTypeUtil.unwrapOne(t);
      } else if (GraphQLTypeUtil.isList(t)) {
        depth++;
        t = GraphQLTypeUtil.unwrapOne(t);
      } else {
        return depth;
      }
    }
  }

  /** Whether a named type is composite (object, interface or union). */
  public boolean isComposite(String typeName) {
    return schema.getType(typeName) instanceof GraphQLCompositeType;
  }

  /** The interfaces an object type implements in the supergraph. */
  public Collection<String> interfacesOf(String typeName) {
    GraphQLType t = schema.getType(typeName);
    List<String> out = new ArrayList<>();
    if (t instanceof GraphQLObjectType o) {
      o.getInterfaces().forEach(i -> out.add(i.getName()));
    } else if (t instanceof GraphQLInterfaceType i) {
      i.getInterfaces().forEach(x -> out.add(x.getName()));
    }
    return out;
  }
}
