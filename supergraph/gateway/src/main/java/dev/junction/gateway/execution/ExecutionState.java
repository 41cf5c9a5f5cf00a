package dev.junction.gateway.execution;

import dev.junction.gateway.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The mutable state of one client request's execution: merged data and collected errors. */
public final class ExecutionState {
  final Map<String, Object> data = new JsonObject();
  final List<Map<String, Object>> errors = new ArrayList<>();
  final Map<String, Object> variables;
  final Map<String, Object> coercedVariables;
  final Map<String, List<String>> clientHeaders;
  final long deadlineNanos;
  private String requestId;
  final Identity identity;

  /**
   * @param variables the client's variables as sent (forwarded to subgraphs)
   * @param coercedVariables the same after coercion against the API schema (defaults applied; used
   *     to evaluate plan conditions)
   */
  public ExecutionState(
      Map<String, Object> variables,
      Map<String, Object> coercedVariables,
      Map<String, List<String>> clientHeaders) {
    this(variables, coercedVariables, clientHeaders, Long.MAX_VALUE);
  }

  /**
   * @param deadlineNanos {@link System#nanoTime()} by which every fetch must be done; fetches still
   *     running then fail with {@code SUBGRAPH_TIMEOUT}
   */
  public ExecutionState(
      Map<String, Object> variables,
      Map<String, Object> coercedVariables,
      Map<String, List<String>> clientHeaders,
      long deadlineNanos) {
    this(variables, coercedVariables, clientHeaders, deadlineNanos, Identity.ANONYMOUS);
  }

  /**
   * @param identity who made the request (its claims may be propagated to subgraphs)
   */
  public ExecutionState(
      Map<String, Object> variables,
      Map<String, Object> coercedVariables,
      Map<String, List<String>> clientHeaders,
      long deadlineNanos,
      Identity identity) {
    this.identity = identity == null ? Identity.ANONYMOUS : identity;
    this.variables = variables;
    this.coercedVariables = coercedVariables;
    this.clientHeaders = clientHeaders;
    this.deadlineNanos = deadlineNanos;
  }

  /** An id for this request's log lines, made on first use. */
  public synchronized String requestId() {
    if (requestId == null) {
      requestId = java.util.UUID.randomUUID().toString();
    }
    return requestId;
  }

  /** The merged data of all fetches (not yet shaped to the client's operation). */
  public synchronized Map<String, Object> data() {
    return data;
  }

  /** The errors collected from subgraphs and failed fetches, paths already rewritten. */
  public synchronized List<Map<String, Object>> errors() {
    return errors;
  }
}
