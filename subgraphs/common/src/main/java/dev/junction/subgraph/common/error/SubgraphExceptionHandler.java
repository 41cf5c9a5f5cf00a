package dev.junction.subgraph.common.error;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.ResultPath;
import graphql.language.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns exceptions thrown by data fetchers into GraphQL errors with a {@code path} and an {@code
 * extensions.code}. Domain failures ({@link SubgraphException}) keep their message; anything else
 * is logged and reported as {@code INTERNAL_SERVER_ERROR} with a generic message, so no stack trace
 * or internal detail reaches a client. The generic message carries the request id (graphql-java's
 * execution id), which the log line with the cause and its stack trace carries too.
 */
public class SubgraphExceptionHandler implements DataFetcherExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(SubgraphExceptionHandler.class);

  @Override
  public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
      DataFetcherExceptionHandlerParameters params) {
    Throwable cause = unwrap(params.getException());
    ResultPath path = params.getPath();
    SourceLocation location = params.getSourceLocation();
    GraphQLError error;
    if (cause instanceof SubgraphException se) {
      error = build(se.getMessage(), Map.of("code", se.code()), path, location);
    } else if (cause instanceof IllegalArgumentException iae) {
      error = build(iae.getMessage(), Map.of("code", ErrorCodes.BAD_USER_INPUT), path, location);
    } else {
      String requestId = requestId(params);
      log.error("Unexpected failure at {} (request id {})", path, requestId, cause);
      error = build(internalMessage(requestId), internalExtensions(requestId), path, location);
    }
    return CompletableFuture.completedFuture(
        DataFetcherExceptionHandlerResult.newResult().error(error).build());
  }

  /** The generic message of an unexpected failure: no detail but the request id to look it up. */
  static String internalMessage(String requestId) {
    return "Internal error (request id " + requestId + ")";
  }

  static Map<String, Object> internalExtensions(String requestId) {
    return Map.of("code", ErrorCodes.INTERNAL_SERVER_ERROR, "requestId", requestId);
  }

  private static String requestId(DataFetcherExceptionHandlerParameters params) {
    var env = params.getDataFetchingEnvironment();
    return env == null
        ? RequestIds.of(null, null)
        : RequestIds.of(env.getGraphQlContext(), env.getExecutionId());
  }

  private static GraphQLError build(
      String message, Map<String, Object> extensions, ResultPath path, SourceLocation location) {
    GraphqlErrorBuilder<?> builder =
        GraphqlErrorBuilder.newError().message(message).extensions(extensions);
    if (path != null) {
      builder.path(path);
    }
    if (location != null) {
      builder.locations(List.of(location));
    }
    return builder.build();
  }

  static Throwable unwrap(Throwable t) {
    Throwable current = t;
    for (int i = 0; i < 10 && current != null; i++) {
      if (current instanceof SubgraphException) {
        return current;
      }
      if ((current instanceof CompletionException
              || current.getClass().getName().endsWith("ExecutionException")
              || current.getClass().getName().contains("Reactive"))
          && current.getCause() != null) {
        current = current.getCause();
        continue;
      }
      if (current.getCause() instanceof SubgraphException) {
        return current.getCause();
      }
      return current;
    }
    return current;
  }
}
