package dev.junction.client.generator;

import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLOutputType;
import java.util.List;
import java.util.Set;

/** The response model of one selection set: a Java record with fields and optional views. */
final class Model {
  /** A selected field: its response key, Java component name and schema type. */
  record FieldModel(
      String key,
      String javaName,
      GraphQLOutputType type,
      boolean conditional,
      RecordModel child) {}

  /** A type-conditioned fragment on an abstract type, present when the concrete type matches. */
  record ViewModel(
      String javaName, String typeCondition, Set<String> possibleTypes, RecordModel record) {}

  /** A {@code @defer} fragment: read later, exposed as a future of its own record. */
  record DeferredModel(String javaName, String label, RecordModel record) {}

  /** A generated record. */
  record RecordModel(
      String name,
      GraphQLCompositeType type,
      List<FieldModel> fields,
      List<ViewModel> views,
      List<DeferredModel> deferred) {}

  private Model() {}
}
