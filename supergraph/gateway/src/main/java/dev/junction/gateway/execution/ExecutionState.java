package dev.junction.gateway.execution;

import dev.junction.gateway.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The mutable state of one client request's execution: merged data and collected errors. */
public final class ExecutionState {
  final Map<String, Object> data;
  final List<Map<String, Object>> errors = new ArrayList<>();

  /** Guards {@link #data} (shared by a request's deferred parts) and {@link #errors}. */
  final Object lock;

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
    this.data = new JsonObject();
    this.lock = this;
    this.variables = variables;
    this.coercedVariables = coercedVariables;
    this.clientHeaders = clientHeaders;
    this.deadlineNanos = deadlineNanos;
  }

  private ExecutionState(ExecutionState of) {
    this.identity = of.identity;
    this.data = of.data;
    this.lock = of.lock;
    this.variables = of.variables;
    this.coercedVariables = of.coercedVariables;
    this.clientHeaders = of.clientHeaders;
    this.deadlineNanos = of.deadlineNanos;
    this.requestId = of.requestId();
  }

  /**
   * The state of one deferred part of this request: the same data (and lock), its own errors, so a
   * part's failures are reported with that part only.
   */
  public ExecutionState part() {
    return new ExecutionState(this);
  }

  /** What to synchronize on while reading or changing {@link #data()} and {@link #errors()}. */
  public Object lock() {
    return lock;
  }

  /** An id for this request's log lines, made on first use. */
  public String requestId() {
    synchronized (lock) {
      if (requestId == null) {
        requestId = java.util.UUID.randomUUID().toString();
      }
      return requestId;
    }
  }

  /** The merged data of all fetches (not yet shaped to the client's operation). */
  public Map<String, Object> data() {
    return data;
  }

  /** The errors collected from subgraphs and failed fetches, paths already rewritten. */
  public List<Map<String, Object>> errors() {
    return errors;
  }
}
