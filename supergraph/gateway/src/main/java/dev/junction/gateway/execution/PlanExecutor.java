package dev.junction.gateway.execution;

import dev.junction.gateway.HeaderPropagator;
import dev.junction.planner.plan.EntityInput;
import dev.junction.planner.plan.InputSelection;
import dev.junction.planner.plan.PlanNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Walks a query plan: runs fetches (independent ones concurrently), builds and de-duplicates entity
 * representations, merges results into the response by path and rewrites subgraph error paths into
 * the client's operation.
 */
public final class PlanExecutor {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PlanExecutor.class);

  /** The code of a subgraph error that has none. */
  public static final String DOWNSTREAM_SERVICE_ERROR = "DOWNSTREAM_SERVICE_ERROR";

  private static final List<String> STACK_TRACE_KEYS =
      List.of("exception", "stacktrace", "stackTrace");
  private static final int MAX_LOGGED_ERROR = 4000;

  private final Map<String, SubgraphFetcher> clients;
  private final HeaderPropagator headers;
  private final Set<String> abstractTypes;
  private final SubgraphErrorPolicy errorPolicy;

  /** An executor that redacts every subgraph error message. */
  public PlanExecutor(
      Map<String, SubgraphFetcher> clients, HeaderPropagator headers, Set<String> abstractTypes) {
    this(clients, headers, abstractTypes, SubgraphErrorPolicy.REDACT_ALL);
  }

  /**
   * @param errorPolicy which subgraphs' error messages reach the client
   */
  public PlanExecutor(
      Map<String, SubgraphFetcher> clients,
      HeaderPropagator headers,
      Set<String> abstractTypes,
      SubgraphErrorPolicy errorPolicy) {
    this.clients = clients;
    this.headers = headers;
    this.abstractTypes = Set.copyOf(abstractTypes);
    this.errorPolicy = errorPolicy;
  }

  /** Executes a plan node into the state; completes when every fetch has been merged. */
  public Mono<Void> execute(PlanNode node, ExecutionState state) {
    if (node instanceof PlanNode.Fetch f) {
      return rootFetch(f, state);
    }
    if (node instanceof PlanNode.Flatten fl) {
      return entityFetch(fl, state);
    }
    if (node instanceof PlanNode.EntityBatch b) {
      return entityBatch(b, state);
    }
    if (node instanceof PlanNode.Condition c) {
      Object value = state.coercedVariables.get(c.variable());
      boolean actual = Boolean.TRUE.equals(value);
      return actual == c.expected() ? execute(c.node(), state) : Mono.empty();
    }
    if (node instanceof PlanNode.Sequence s) {
      Mono<Void> chain = Mono.empty();
      for (PlanNode n : s.nodes()) {
        chain = chain.then(Mono.defer(() -> execute(n, state)));
      }
      return chain;
    }
    if (node instanceof PlanNode.Defer d) {
      return deferredInline(d, state);
    }
    if (node instanceof PlanNode.Subscription) {
      return Mono.error(new IllegalStateException("a subscription plan is not run as a query"));
    }
    PlanNode.Parallel p = (PlanNode.Parallel) node;
    return Flux.fromIterable(p.nodes()).flatMap(n -> execute(n, state)).then();
  }

  /**
   * Runs an operation with {@code @defer} for a client that takes the whole result at once: the
   * primary part, then every deferred part once its parent has run (parts under one parent run
   * concurrently); the response is shaped with the deferred fragments inlined.
   */
  private Mono<Void> deferredInline(PlanNode.Defer d, ExecutionState state) {
    Mono<Void> primary = d.primary() == null ? Mono.empty() : execute(d.primary(), state);
    return primary.then(Mono.defer(() -> deferredChildren(d, -1, state)));
  }

  private Mono<Void> deferredChildren(PlanNode.Defer d, int parent, ExecutionState state) {
    List<Mono<Void>> children = new java.util.ArrayList<>();
    for (PlanNode.Deferred part : d.deferred()) {
      if (part.parent() == parent) {
        Mono<Void> own = part.node() == null ? Mono.empty() : execute(part.node(), state);
        children.add(own.then(Mono.defer(() -> deferredChildren(d, part.id(), state))));
      }
    }
    return children.isEmpty() ? Mono.empty() : Flux.merge(children).then();
  }

  private Map<String, Object> variablesFor(PlanNode.Fetch f, ExecutionState state) {
    return variablesFor(f.variableUsages(), state);
  }

  /** The client's values of the variables a subgraph document uses (only those are sent). */
  public static Map<String, Object> variablesFor(List<String> usages, ExecutionState state) {
    Map<String, Object> vars = new LinkedHashMap<>();
    for (String name : usages) {
      if (state.variables.containsKey(name)) {
        vars.put(name, state.variables.get(name));
      }
    }
    return vars;
  }

  private Mono<SubgraphClient.Result> send(
      PlanNode.Fetch f, Map<String, Object> vars, ExecutionState state) {
    return send(f.subgraph(), f.operation(), vars, "mutation".equals(f.operationKind()), state);
  }

  private Mono<SubgraphClient.Result> send(
      String subgraph,
      String operation,
      Map<String, Object> vars,
      boolean mutation,
      ExecutionState state) {
    SubgraphFetcher client = clients.get(subgraph);
    if (client == null) {
      return Mono.just(
          new SubgraphClient.Result(
              null, GraphQLErrors.SUBGRAPH_UNAVAILABLE, "No URL for subgraph '" + subgraph + "'"));
    }
    return client.fetch(
        operation,
        vars,
        headers.headersFor(subgraph, state.clientHeaders, state.identity),
        mutation,
        state.deadlineNanos);
  }

  private Mono<Void> rootFetch(PlanNode.Fetch f, ExecutionState state) {
    return send(f, variablesFor(f, state), state)
        .doOnNext(result -> mergeRoot(f, result, state))
        .then();
  }

  /**
   * Merges a root response that arrived otherwise (an event of the subscription {@code f}) into the
   * state, as a root fetch's answer: renames, errors with their subgraph, redaction.
   */
  public void acceptRoot(PlanNode.Fetch f, Map<String, Object> body, ExecutionState state) {
    mergeRoot(f, SubgraphClient.Result.ok(body), state);
  }

  @SuppressWarnings("unchecked")
  private void mergeRoot(PlanNode.Fetch f, SubgraphClient.Result result, ExecutionState state) {
    synchronized (state.lock) {
      if (failed(result, f.subgraph(), state)) {
        return;
      }
      Renames.inAnswer(result.body(), f.renames());
      Object data = result.body().get("data");
      if (data instanceof Map<?, ?> m) {
        Merge.deepMerge(state.data, (Map<String, Object>) m, abstractTypes);
      }
      for (Map<String, Object> e : errorsOf(result.body())) {
        state.errors.add(withService(e, (List<Object>) e.get("path"), f.subgraph(), state));
      }
    }
  }

  /**
   * For a failed fetch, one error with its code and subgraph (the fields it would have filled stay
   * null); true when the fetch failed.
   */
  private static boolean failed(
      SubgraphClient.Result result, String subgraph, ExecutionState state) {
    if (!result.failed()) {
      return false;
    }
    state.errors.add(
        GraphQLErrors.error(result.failureMessage(), result.failureCode(), null, subgraph));
    return true;
  }

  /** A response path as a chain from the leaf: built while walking, turned into a list on error. */
  private record PathNode(PathNode parent, Object key) {
    List<Object> toList() {
      ArrayList<Object> out = new ArrayList<>();
      for (PathNode n = this; n != null; n = n.parent) {
        out.add(n.key);
      }
      java.util.Collections.reverse(out);
      return out;
    }
  }

  /**
   * A response object that an entity fetch fills, and where it is (null: the root); {@code merge}
   * is false when the same object was already found at another path (it is merged once).
   */
  private record Target(Map<String, Object> object, PathNode at, boolean merge) {
    List<Object> path() {
      return at == null ? List.of() : at.toList();
    }
  }

  /**
   * Finds the objects at {@code path}, builds their representations and de-duplicates them: {@code
   * representations.get(i)} stands for the objects in {@code targets.get(i)}.
   */
  private static void gather(
      ExecutionState state,
      List<String> path,
      List<EntityInput> requires,
      List<Map<String, Object>> representations,
      List<List<Target>> targets) {
    Map<Map<String, Object>, Integer> index = new HashMap<>();
    List<Target> found = new ArrayList<>();
    collect(state.data, path, 0, null, found);
    // Merging shares subtrees, so one object is often found at many paths: represent it once.
    Map<Map<String, Object>, Integer> byIdentity = new IdentityHashMap<>(found.size());
    for (Target t : found) {
      Integer i = byIdentity.get(t.object());
      if (i == null) {
        Map<String, Object> rep = representation(t.object(), requires);
        if (rep == null) {
          byIdentity.put(t.object(), -1);
          continue;
        }
        i = index.get(rep);
        if (i == null) {
          i = representations.size();
          index.put(rep, i);
          representations.add(rep);
          targets.add(new ArrayList<>());
        }
        byIdentity.put(t.object(), i);
        targets.get(i).add(t);
      } else if (i >= 0) {
        targets.get(i).add(new Target(t.object(), t.at(), false));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void mergeEntities(
      Object entities,
      List<List<Target>> targets,
      List<Map<String, Object>> errors,
      String field,
      String subgraph,
      ExecutionState state) {
    if (entities instanceof List<?> list) {
      for (int i = 0; i < list.size() && i < targets.size(); i++) {
        if (list.get(i) instanceof Map<?, ?> entity) {
          for (Target t : targets.get(i)) {
            if (t.merge()) {
              Merge.deepMerge(t.object(), (Map<String, Object>) entity, abstractTypes);
            }
          }
        }
      }
    }
    for (Map<String, Object> e : errors) {
      rewriteEntityError(e, targets, field, subgraph, state);
    }
  }

  private Mono<Void> entityFetch(PlanNode.Flatten fl, ExecutionState state) {
    PlanNode.Fetch f = fl.node();
    List<Map<String, Object>> representations = new ArrayList<>();
    List<List<Target>> targets = new ArrayList<>();
    synchronized (state.lock) {
      gather(state, fl.path(), f.requires(), representations, targets);
    }
    if (representations.isEmpty()) {
      return Mono.empty();
    }
    Map<String, Object> vars = variablesFor(f, state);
    vars.put("representations", representations);
    return send(f, vars, state)
        .doOnNext(
            result -> {
              synchronized (state.lock) {
                if (failed(result, f.subgraph(), state)) {
                  return;
                }
                Renames.inAnswer(result.body(), f.renames());
                Object data = result.body().get("data");
                Object entities = data instanceof Map<?, ?> m ? m.get("_entities") : null;
                mergeEntities(
                    entities, targets, errorsOf(result.body()), "_entities", f.subgraph(), state);
              }
            })
        .then();
  }

  /** Several entity fetches to one subgraph in one request (aliased {@code _entities}). */
  private Mono<Void> entityBatch(PlanNode.EntityBatch b, ExecutionState state) {
    int n = b.parts().size();
    List<List<Map<String, Object>>> representations = new ArrayList<>(n);
    List<List<List<Target>>> targets = new ArrayList<>(n);
    boolean any = false;
    synchronized (state.lock) {
      for (PlanNode.EntityBatch.Part part : b.parts()) {
        List<Map<String, Object>> reps = new ArrayList<>();
        List<List<Target>> ts = new ArrayList<>();
        gather(state, part.path(), part.requires(), reps, ts);
        representations.add(reps);
        targets.add(ts);
        any |= !reps.isEmpty();
      }
    }
    if (!any) {
      return Mono.empty();
    }
    Map<String, Object> vars = variablesFor(b.variableUsages(), state);
    for (int i = 0; i < n; i++) {
      vars.put(PlanNode.EntityBatch.variable(i), representations.get(i));
    }
    return send(b.subgraph(), b.operation(), vars, false, state)
        .doOnNext(
            result -> {
              synchronized (state.lock) {
                if (failed(result, b.subgraph(), state)) {
                  return;
                }
                Renames.inAnswer(result.body(), b.renames());
                Object data = result.body().get("data");
                List<Map<String, Object>> errors = errorsOf(result.body());
                for (int i = 0; i < n; i++) {
                  String alias = PlanNode.EntityBatch.alias(i);
                  Object entities = data instanceof Map<?, ?> m ? m.get(alias) : null;
                  List<Map<String, Object>> mine = new ArrayList<>();
                  for (Map<String, Object> e : errors) {
                    if (e.get("path") instanceof List<?> p
                        && !p.isEmpty()
                        && alias.equals(p.get(0))) {
                      mine.add(e);
                    }
                  }
                  mergeEntities(entities, targets.get(i), mine, alias, b.subgraph(), state);
                }
                for (Map<String, Object> e : errors) {
                  if (!(e.get("path") instanceof List<?> p)
                      || p.isEmpty()
                      || !String.valueOf(p.get(0)).startsWith("_e")) {
                    state.errors.add(withService(e, null, b.subgraph(), state));
                  }
                }
              }
            })
        .then();
  }

  private void rewriteEntityError(
      Map<String, Object> e,
      List<List<Target>> targets,
      String field,
      String subgraph,
      ExecutionState state) {
    Object p = e.get("path");
    if (p instanceof List<?> path
        && path.size() >= 2
        && field.equals(path.get(0))
        && path.get(1) instanceof Number n
        && n.intValue() < targets.size()) {
      for (Target t : targets.get(n.intValue())) {
        List<Object> rewritten = new ArrayList<>(t.path());
        rewritten.addAll(path.subList(2, path.size()));
        state.errors.add(withService(e, rewritten, subgraph, state));
      }
      return;
    }
    List<Object> first =
        targets.isEmpty() || targets.get(0).isEmpty() ? null : targets.get(0).get(0).path();
    state.errors.add(withService(e, first, subgraph, state));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> errorsOf(Map<String, Object> body) {
    Object errors = body.get("errors");
    List<Map<String, Object>> out = new ArrayList<>();
    if (errors instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m) {
          out.add((Map<String, Object>) m);
        }
      }
    }
    return out;
  }

  /**
   * A subgraph error as the client sees it: its path rewritten, {@code serviceName} added, a code
   * ({@code DOWNSTREAM_SERVICE_ERROR} when the subgraph gave none), never a stack trace; and, for a
   * subgraph whose errors are not included, the message redacted and a request id under which the
   * full error is logged.
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> withService(
      Map<String, Object> e, List<Object> path, String subgraph, ExecutionState state) {
    boolean include = errorPolicy.includes(subgraph);
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> ext = new LinkedHashMap<>();
    Object code = null;
    if (e.get("extensions") instanceof Map<?, ?> m) {
      code = m.get("code");
      if (include) {
        ext.putAll((Map<String, Object>) m);
        STACK_TRACE_KEYS.forEach(ext::remove);
      }
    }
    if (include) {
      out.put("message", e.getOrDefault("message", "Subgraph error"));
    } else {
      out.put("message", SubgraphErrorPolicy.REDACTED);
    }
    if (path != null) {
      out.put("path", new ArrayList<>(path));
    }
    ext.put("code", code instanceof String c && !c.isBlank() ? c : DOWNSTREAM_SERVICE_ERROR);
    ext.put("serviceName", subgraph);
    if (!include) {
      String id = state.requestId();
      ext.put("requestId", id);
      if (log.isWarnEnabled()) {
        String full = String.valueOf(e);
        log.warn(
            "Redacted an error of subgraph '{}' (request id {}, path {}): {}",
            subgraph,
            id,
            path,
            full.length() > MAX_LOGGED_ERROR ? full.substring(0, MAX_LOGGED_ERROR) + "..." : full);
      }
    }
    out.put("extensions", ext);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void collect(
      Object current, List<String> path, int i, PathNode at, List<Target> out) {
    if (current == null) {
      return;
    }
    if (i == path.size()) {
      if (current instanceof Map<?, ?> m) {
        out.add(new Target((Map<String, Object>) m, at, true));
      } else if (current instanceof List<?> list) {
        // A list at the end of a path: its objects are the entities.
        for (int k = 0, n = list.size(); k < n; k++) {
          collect(list.get(k), path, i, new PathNode(at, k), out);
        }
      }
      return;
    }
    String step = path.get(i);
    if (step.equals("@")) {
      if (current instanceof List<?> list) {
        for (int k = 0, n = list.size(); k < n; k++) {
          collect(list.get(k), path, i + 1, new PathNode(at, k), out);
        }
      }
      return;
    }
    if (current instanceof Map<?, ?> m) {
      collect(m.get(step), path, i + 1, new PathNode(at, step), out);
    }
  }

  /** The representation of an object for a fetch, or null when no input applies to its type. */
  static Map<String, Object> representation(Map<String, Object> object, List<EntityInput> inputs) {
    Object typename = object.get("__typename");
    if (!(typename instanceof String type)) {
      return null;
    }
    for (EntityInput input : inputs) {
      if (input.typeNames().contains(type)) {
        Map<String, Object> rep = new JsonObject(4);
        if (!project(object, input.selections(), rep)) {
          return null;
        }
        if (input.typenameAs() != null) {
          rep.put("__typename", input.typenameAs());
        }
        return rep;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static boolean project(
      Map<String, Object> object, List<InputSelection> selections, Map<String, Object> out) {
    for (InputSelection s : selections) {
      if (s instanceof InputSelection.Field f) {
        if (!object.containsKey(f.responseKey())) {
          return false; // a key or required field is missing: the entity cannot be fetched
        }
        Object value = object.get(f.responseKey());
        out.put(f.name(), f.selections() == null ? value : projectValue(value, f.selections()));
      } else if (s instanceof InputSelection.Fragment fr) {
        Object t = object.get("__typename");
        if (fr.typeCondition() == null || (t instanceof String ts && fr.typeNames().contains(ts))) {
          if (!project(object, fr.selections(), out)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private static Object projectValue(Object value, List<InputSelection> selections) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new JsonObject();
      project((Map<String, Object>) m, selections, out);
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object o : list) {
        out.add(projectValue(o, selections));
      }
      return out;
    }
    return value;
  }
}
