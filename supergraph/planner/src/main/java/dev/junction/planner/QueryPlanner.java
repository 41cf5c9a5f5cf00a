package dev.junction.planner;

import dev.junction.planner.build.OperationPlanning;
import dev.junction.planner.plan.QueryPlan;
import dev.junction.planner.supergraph.Supergraph;
import graphql.language.Document;

/**
 * Plans client operations against a supergraph. Pure and thread-safe: the same document always
 * yields the same plan. Callers should validate the operation against the API schema first.
 */
public final class QueryPlanner {
  private final Supergraph supergraph;

  public QueryPlanner(Supergraph supergraph) {
    this.supergraph = supergraph;
  }

  public Supergraph supergraph() {
    return supergraph;
  }

  /**
   * Plans the operation {@code operationName} (or the only one) of a parsed document.
   *
   * @throws PlanningException when the operation cannot be planned
   */
  public QueryPlan plan(Document document, String operationName) {
    return OperationPlanning.plan(supergraph, document, operationName);
  }
}
