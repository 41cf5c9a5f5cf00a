package dev.junction.planner.plan;

import java.util.List;
import java.util.Map;

/**
 * A query plan node. The plan is a closed tree: fetches from subgraphs, composed in sequence or in
 * parallel, and flattened into the response at a path. The executor walks it.
 */
public sealed interface PlanNode
    permits PlanNode.Fetch,
        PlanNode.Sequence,
        PlanNode.Parallel,
        PlanNode.Flatten,
        PlanNode.EntityBatch,
        PlanNode.Condition,
        PlanNode.Subscription,
        PlanNode.Defer {

  /**
   * One request to a subgraph.
   *
   * @param id unique within the plan
   * @param subgraph the subgraph name
   * @param operationKind {@code query}, {@code mutation} or {@code subscription} (the primary fetch
   *     of a {@link Subscription})
   * @param operation the GraphQL document sent to the subgraph
   * @param variableUsages the client variables the document uses (only these are sent)
   * @param requires for an entity fetch, how to build each representation from the objects at the
   *     flatten path; empty for a root fetch
   * @param renames response keys to rename in the subgraph's answer before it is merged: internal
   *     alias → the key it stands for (fields the subgraph types differently, fetched apart); most
   *     often empty
   */
  record Fetch(
      int id,
      String subgraph,
      String operationKind,
      String operation,
      List<String> variableUsages,
      List<EntityInput> requires,
      Map<String, String> renames)
      implements PlanNode {
    public Fetch {
      variableUsages = List.copyOf(variableUsages);
      requires = List.copyOf(requires);
      renames = Map.copyOf(renames);
    }

    /** Whether this fetch resolves entities ({@code _entities}) rather than root fields. */
    public boolean isEntityFetch() {
      return !requires.isEmpty();
    }
  }

  /** Runs its nodes one after the other. */
  record Sequence(List<PlanNode> nodes) implements PlanNode {
    public Sequence {
      nodes = List.copyOf(nodes);
    }
  }

  /** Runs its nodes concurrently. */
  record Parallel(List<PlanNode> nodes) implements PlanNode {
    public Parallel {
      nodes = List.copyOf(nodes);
    }
  }

  /**
   * Runs an entity fetch for the objects found at {@code path} in the response so far, and merges
   * each result into the object it came from. Path elements are response keys; {@code @} steps into
   * every element of a list.
   */
  record Flatten(List<String> path, Fetch node) implements PlanNode {
    public Flatten {
      path = interned(path);
    }
  }

  /**
   * Runs {@code node} only when the Boolean variable {@code variable} equals {@code expected}: the
   * fields the fetch serves are all under {@code @include(if: $variable)} ({@code expected} true)
   * or {@code @skip(if: $variable)} ({@code expected} false).
   */
  record Condition(String variable, boolean expected, PlanNode node) implements PlanNode {}

  /**
   * Several entity fetches to one subgraph that run at the same point of the plan, sent as one
   * request: part {@code i} is {@code _e<i>: _entities(representations: $representations<i>)}, fed
   * by the objects at its path and merged back into them.
   *
   * @param id unique within the plan
   * @param subgraph the subgraph name
   * @param operation the GraphQL document sent to the subgraph
   * @param variableUsages the client variables the document uses
   * @param parts one per entity fetch, in alias order
   * @param renames as {@link Fetch#renames}, for every part
   */
  record EntityBatch(
      int id,
      String subgraph,
      String operation,
      List<String> variableUsages,
      List<Part> parts,
      Map<String, String> renames)
      implements PlanNode {
    public EntityBatch {
      variableUsages = List.copyOf(variableUsages);
      parts = List.copyOf(parts);
      renames = Map.copyOf(renames);
    }

    /** The response key of part {@code i}. */
    public static String alias(int i) {
      return "_e" + i;
    }

    /** The variable holding the representations of part {@code i}. */
    public static String variable(int i) {
      return "representations" + i;
    }

    /** One entity fetch of the batch: where its objects are and how to represent them. */
    public record Part(List<String> path, List<EntityInput> requires) {
      public Part {
        path = interned(path);
        requires = List.copyOf(requires);
      }
    }
  }

  /**
   * The plan of a subscription, always the root node: {@code primary} subscribes to the subgraph
   * that owns the root field; each event it sends is a response so far, completed by running {@code
   * rest} on it (entity fetches of the fields other subgraphs resolve), as a query plan would.
   *
   * @param primary the subscription sent to the owning subgraph ({@code operationKind}
   *     subscription)
   * @param rest the plan run for each event, or null when the primary fetch gives everything
   */
  record Subscription(Fetch primary, PlanNode rest) implements PlanNode {}

  /**
   * The plan of an operation with {@code @defer} fragments, always the root node: {@code primary}
   * first (its response leaves the deferred fragments out), then each deferred part, which may
   * start once the primary part has run (a nested part once its parent has) and is delivered as an
   * incremental payload on its own.
   *
   * @param primary the plan of the primary part, or null when it needs no fetch
   * @param deferred the deferred fragments, in document order
   */
  record Defer(PlanNode primary, List<Deferred> deferred) implements PlanNode {
    public Defer {
      deferred = List.copyOf(deferred);
    }
  }

  /**
   * One deferred fragment at one response path.
   *
   * @param id its index in {@link Defer#deferred}
   * @param parent the enclosing deferred fragment's id, or -1 (under the primary part)
   * @param label the fragment's {@code label}, or null
   * @param path the response path of the objects the fragment applies to ({@code @}: every list
   *     item)
   * @param ifVariable the variable of {@code @defer(if: $v)}, or null: when it is false the part is
   *     delivered with its parent
   * @param node the fetches of the fragment's fields, or null when they came with its parent
   * @param at where the fragment's {@code @defer} directive is in the operation document ({@code
   *     line:column}), so the executor finds the fragment it stands for; null when unknown
   */
  record Deferred(
      int id,
      int parent,
      String label,
      List<String> path,
      String ifVariable,
      PlanNode node,
      String at) {
    public Deferred {
      path = interned(path);
    }

    /** A part whose directive's place is not known. */
    public Deferred(
        int id, int parent, String label, List<String> path, String ifVariable, PlanNode node) {
      this(id, parent, label, path, ifVariable, node, null);
    }
  }

  /**
   * An immutable copy with interned elements: response keys are interned by the gateway's JSON
   * reader too, so walking a path compares references.
   */
  static List<String> interned(List<String> path) {
    return path.stream().map(String::intern).toList();
  }
}
