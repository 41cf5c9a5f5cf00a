package dev.junction.bench.subgraphs;

import com.apollographql.federation.graphqljava.Federation;
import graphql.GraphQL;
import graphql.GraphqlErrorException;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The executable schemas over {@link BenchData}: the four federated subgraphs of the Guild
 * benchmark (accounts, inventory, products, reviews; built with federation-jvm, answering root
 * fields and {@code _entities}) and the same API as one monolithic schema.
 */
final class Schemas {
  private static final String TYPENAME = "__typename";

  private final BenchData data;
  private final Map<String, Map<String, Object>> userEntities = new HashMap<>();
  private final Map<String, Map<String, Object>> productEntities = new HashMap<>();
  private final Map<String, Map<String, Object>> productStubs = new HashMap<>();
  private final Map<String, Map<String, Object>> reviewEntities = new HashMap<>();
  private final Map<String, Map<String, Object>> mergedProducts = new LinkedHashMap<>();

  Schemas(BenchData data) {
    this.data = data;
    data.usersById().forEach((id, row) -> userEntities.put(id, typed("User", row)));
    data.productsByUpc().forEach((upc, row) -> productEntities.put(upc, typed("Product", row)));
    data.productsByUpc()
        .forEach(
            (upc, row) -> {
              productStubs.put(upc, Map.of(TYPENAME, "Product", "upc", upc));
              Map<String, Object> merged = new LinkedHashMap<>(row);
              Map<String, Object> stock = data.inventoryByUpc().get(upc);
              merged.put("inStock", stock == null ? null : stock.get("inStock"));
              mergedProducts.put(upc, merged);
            });
    data.reviewsById().forEach((id, row) -> reviewEntities.put(id, typed("Review", row)));
  }

  /** One GraphQL engine per subgraph name ({@code accounts}, {@code inventory}, ...). */
  Map<String, GraphQL> subgraphs() {
    Map<String, GraphQL> out = new LinkedHashMap<>();
    out.put(
        "accounts", engine(federated("accounts.graphql", accountsWiring(), this::accountsEntity)));
    out.put(
        "inventory",
        engine(federated("inventory.graphql", inventoryWiring(), this::inventoryEntity)));
    out.put(
        "products", engine(federated("products.graphql", productsWiring(), this::productsEntity)));
    out.put("reviews", engine(federated("reviews.graphql", reviewsWiring(), this::reviewsEntity)));
    return out;
  }

  /** The whole API in one schema, no federation. */
  GraphQL monolith() {
    RuntimeWiring wiring =
        RuntimeWiring.newRuntimeWiring()
            .type(
                "Query",
                t ->
                    t.dataFetcher("me", env -> data.author())
                        .dataFetcher("users", env -> data.users())
                        .dataFetcher(
                            "user", env -> data.usersById().get(env.<String>getArgument("id")))
                        .dataFetcher(
                            "topProducts",
                            env -> {
                              List<Map<String, Object>> out = new ArrayList<>();
                              for (Map<String, Object> p :
                                  data.topProducts(env.getArgument("first"))) {
                                out.add(mergedProducts.get(BenchData.str(p.get("upc"))));
                              }
                              return out;
                            }))
            .type("User", t -> t.dataFetcher("reviews", env -> data.userReviews()))
            .type(
                "Review",
                t ->
                    t.dataFetcher("author", env -> data.author())
                        .dataFetcher("product", env -> mergedProducts.get(upcOf(env.getSource()))))
            .type(
                "Product",
                t ->
                    t.dataFetcher("reviews", env -> data.productReviews(upcOf(env.getSource())))
                        .dataFetcher(
                            "shippingEstimate",
                            env ->
                                BenchData.shippingEstimate(
                                    data.inventoryByUpc().get(upcOf(env.getSource())))))
            .build();
    TypeDefinitionRegistry types = new SchemaParser().parse(resource("monolith.graphql"));
    return engine(new SchemaGenerator().makeExecutableSchema(types, wiring));
  }

  private RuntimeWiring accountsWiring() {
    return RuntimeWiring.newRuntimeWiring()
        .type(
            "Query",
            t ->
                t.dataFetcher("me", env -> data.author())
                    .dataFetcher("users", env -> data.users())
                    .dataFetcher(
                        "user", env -> data.usersById().get(env.<String>getArgument("id"))))
        .build();
  }

  private RuntimeWiring productsWiring() {
    return RuntimeWiring.newRuntimeWiring()
        .type(
            "Query",
            t -> t.dataFetcher("topProducts", env -> data.topProducts(env.getArgument("first"))))
        .build();
  }

  private RuntimeWiring inventoryWiring() {
    return RuntimeWiring.newRuntimeWiring()
        .type(
            "Product",
            t ->
                t.dataFetcher(
                    "shippingEstimate",
                    env -> {
                      Map<String, Object> source = env.getSource();
                      if (!source.containsKey("price") || !source.containsKey("weight")) {
                        throw GraphqlErrorException.newErrorException()
                            .message(
                                "shippingEstimate @requires(fields: \"price weight\"): the"
                                    + " representation lacks price or weight")
                            .build();
                      }
                      return BenchData.shippingEstimate(data.inventoryByUpc().get(upcOf(source)));
                    }))
        .build();
  }

  private RuntimeWiring reviewsWiring() {
    return RuntimeWiring.newRuntimeWiring()
        .type(
            "Review",
            t ->
                t.dataFetcher("author", env -> data.author())
                    .dataFetcher("product", env -> productStubs.get(upcOf(env.getSource()))))
        .type("User", t -> t.dataFetcher("reviews", env -> data.userReviews()))
        .type(
            "Product",
            t -> t.dataFetcher("reviews", env -> data.productReviews(upcOf(env.getSource()))))
        .build();
  }

  private Map<String, Object> accountsEntity(Map<String, Object> rep) {
    return "User".equals(rep.get(TYPENAME)) ? userEntities.get(BenchData.str(rep.get("id"))) : null;
  }

  private Map<String, Object> productsEntity(Map<String, Object> rep) {
    return "Product".equals(rep.get(TYPENAME))
        ? productEntities.get(BenchData.str(rep.get("upc")))
        : null;
  }

  private Map<String, Object> inventoryEntity(Map<String, Object> rep) {
    if (!"Product".equals(rep.get(TYPENAME))) {
      return null;
    }
    String upc = BenchData.str(rep.get("upc"));
    Map<String, Object> stock = data.inventoryByUpc().get(upc);
    if (stock == null) {
      return null;
    }
    Map<String, Object> entity = new HashMap<>(8);
    entity.put(TYPENAME, "Product");
    entity.put("upc", upc);
    entity.put("inStock", stock.get("inStock"));
    // the external fields as the gateway sent them (@requires); absent keys stay absent
    if (rep.containsKey("price")) {
      entity.put("price", rep.get("price"));
    }
    if (rep.containsKey("weight")) {
      entity.put("weight", rep.get("weight"));
    }
    return entity;
  }

  private Map<String, Object> reviewsEntity(Map<String, Object> rep) {
    Object type = rep.get(TYPENAME);
    if ("Review".equals(type)) {
      return reviewEntities.get(BenchData.str(rep.get("id")));
    }
    if ("Product".equals(type)) {
      String upc = BenchData.str(rep.get("upc"));
      return upc == null ? null : Map.of(TYPENAME, "Product", "upc", upc);
    }
    if ("User".equals(type)) {
      String id = BenchData.str(rep.get("id"));
      return id == null ? null : Map.of(TYPENAME, "User", "id", id);
    }
    return null;
  }

  private static GraphQLSchema federated(
      String sdlResource,
      RuntimeWiring wiring,
      Function<Map<String, Object>, Map<String, Object>> entity) {
    DataFetcher<List<Map<String, Object>>> entities =
        env -> {
          List<Map<String, Object>> reps = env.getArgument("representations");
          List<Map<String, Object>> out = new ArrayList<>(reps.size());
          for (Map<String, Object> rep : reps) {
            out.add(entity.apply(rep));
          }
          return out;
        };
    TypeResolver byTypename =
        env -> {
          Map<String, Object> object = env.getObject();
          return env.getSchema().getObjectType((String) object.get(TYPENAME));
        };
    return Federation.transform(resource(sdlResource), wiring)
        .fetchEntities(entities)
        .resolveEntityType(byTypename)
        .build();
  }

  private static GraphQL engine(GraphQLSchema schema) {
    return GraphQL.newGraphQL(schema).preparsedDocumentProvider(new DocumentCache()).build();
  }

  private static Map<String, Object> typed(String type, Map<String, Object> row) {
    Map<String, Object> out = new LinkedHashMap<>(row);
    out.put(TYPENAME, type);
    return out;
  }

  private static String upcOf(Object source) {
    return source instanceof Map<?, ?> map ? BenchData.str(map.get("upc")) : null;
  }

  private static String resource(String name) {
    try (InputStream in = Schemas.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
