package dev.junction.planner.plan;

/**
 * The plan of one client operation.
 *
 * @param operationKind {@code query}, {@code mutation} or {@code subscription}
 * @param node the root node, or null when nothing has to be fetched (e.g. only {@code __typename}
 *     or introspection)
 */
public record QueryPlan(String operationKind, PlanNode node) {}
