package dev.junction.subgraph.common.error;

import graphql.GraphQLContext;
import graphql.execution.ExecutionId;
import java.util.UUID;

/**
 * The request id of an execution, shown in generic error messages and logged with their causes: the
 * execution id when there is one, a random id otherwise; kept in the GraphQL context so that every
 * error of one request carries the same id.
 */
final class RequestIds {
  private static final String KEY = RequestIds.class.getName();

  private RequestIds() {}

  static String of(GraphQLContext context, ExecutionId executionId) {
    String fromExecution = executionId == null ? "" : executionId.toString();
    String id = fromExecution.isBlank() ? UUID.randomUUID().toString() : fromExecution;
    return context == null ? id : context.computeIfAbsent(KEY, k -> id);
  }
}
