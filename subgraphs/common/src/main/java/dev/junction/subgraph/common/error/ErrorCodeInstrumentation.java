package dev.junction.subgraph.common.error;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.SourceLocation;
import graphql.validation.ValidationError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every error a subgraph returns an {@code extensions.code}: errors raised before execution
 * (syntax, validation, e.g. a malformed {@code Decimal} literal) get {@code GRAPHQL_PARSE_FAILED}
 * or {@code GRAPHQL_VALIDATION_FAILED}; any other error without a code gets {@code
 * INTERNAL_SERVER_ERROR}. Codes already set (by {@link SubgraphExceptionHandler}) are kept, and
 * graphql-java's Java-level {@code classification} is not added to the extensions.
 *
 * <p>Errors that graphql-java raises while executing (a non-null field that resolved to null, a
 * value that does not serialize) describe the server's internals, not the request: the client gets
 * the generic message with the request id, and the original message is logged with that id.
 */
public class ErrorCodeInstrumentation extends SimplePerformantInstrumentation {
  private static final Logger log = LoggerFactory.getLogger(ErrorCodeInstrumentation.class);
  public static final String PARSE_FAILED = "GRAPHQL_PARSE_FAILED";
  public static final String VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED";

  @Override
  public CompletableFuture<ExecutionResult> instrumentExecutionResult(
      ExecutionResult result,
      InstrumentationExecutionParameters parameters,
      InstrumentationState state) {
    List<GraphQLError> errors = result.getErrors();
    if (errors.isEmpty()) {
      return CompletableFuture.completedFuture(result);
    }
    List<GraphQLError> coded = new ArrayList<>(errors.size());
    String requestId = null;
    for (GraphQLError e : errors) {
      if (isInternal(e)) {
        if (requestId == null) {
          requestId = requestId(parameters);
        }
        log.error(
            "Internal execution error at {} (request id {}): {}",
            e.getPath(),
            requestId,
            e.getMessage());
        coded.add(masked(e, requestId));
      } else {
        coded.add(withCode(e));
      }
    }
    return CompletableFuture.completedFuture(result.transform(b -> b.errors(coded)));
  }

  private static boolean isInternal(GraphQLError e) {
    boolean coded = e.getExtensions() != null && e.getExtensions().get("code") != null;
    return !coded
        && (e.getErrorType() == ErrorType.NullValueInNonNullableField
            || e.getErrorType() == ErrorType.DataFetchingException);
  }

  private static GraphQLError masked(GraphQLError e, String requestId) {
    return new Coded(
        e,
        SubgraphExceptionHandler.internalMessage(requestId),
        SubgraphExceptionHandler.internalExtensions(requestId));
  }

  private static String requestId(InstrumentationExecutionParameters parameters) {
    var input = parameters.getExecutionInput();
    return input == null
        ? RequestIds.of(null, null)
        : RequestIds.of(input.getGraphQLContext(), input.getExecutionId());
  }

  static GraphQLError withCode(GraphQLError e) {
    Map<String, Object> extensions = e.getExtensions();
    Map<String, Object> merged = new LinkedHashMap<>();
    if (extensions != null) {
      merged.putAll(extensions);
    }
    merged.putIfAbsent("code", codeFor(e.getErrorType()));
    return new Coded(e, e.getMessage(), Map.copyOf(merged));
  }

  /**
   * The original error (locations, path, classification) with its message (the original's, or the
   * generic one of a masked error) and extensions replaced.
   */
  private record Coded(GraphQLError original, String message, Map<String, Object> extensions)
      implements GraphQLError {
    @Override
    public String getMessage() {
      return message;
    }

    @Override
    public List<SourceLocation> getLocations() {
      return original.getLocations();
    }

    @Override
    public ErrorClassification getErrorType() {
      return original.getErrorType();
    }

    @Override
    public List<Object> getPath() {
      if (original.getPath() == null
          && original instanceof ValidationError v
          && v.getQueryPath() != null
          && !v.getQueryPath().isEmpty()) {
        return List.copyOf(v.getQueryPath());
      }
      return original.getPath();
    }

    @Override
    public Map<String, Object> getExtensions() {
      return extensions;
    }

    @Override
    public Map<String, Object> toSpecification() {
      Map<String, Object> spec = new LinkedHashMap<>(original.toSpecification());
      spec.put("message", message);
      if (!spec.containsKey("path") && getPath() != null) {
        spec.put("path", getPath());
      }
      // graphql-java would add the Java classification (e.g. DataFetchingException) to the
      // extensions; clients get the code only.
      spec.put("extensions", extensions);
      return spec;
    }
  }

  private static String codeFor(ErrorClassification classification) {
    if (classification == ErrorType.InvalidSyntax) {
      return PARSE_FAILED;
    }
    if (classification == ErrorType.ValidationError) {
      return VALIDATION_FAILED;
    }
    return ErrorCodes.INTERNAL_SERVER_ERROR;
  }
}
