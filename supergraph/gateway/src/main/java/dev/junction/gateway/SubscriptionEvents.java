package dev.junction.gateway;

import dev.junction.gateway.execution.ExecutionState;
import dev.junction.gateway.execution.GraphQLErrors;
import dev.junction.gateway.execution.PlanExecutor;
import dev.junction.gateway.execution.PreparedOperation;
import dev.junction.gateway.execution.cost.DemandControl;
import dev.junction.gateway.subscription.SubgraphSubscriptions;
import dev.junction.planner.plan.PlanNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The events of one client subscription: the owning subgraph's events, each completed by the rest
 * of the plan (entity fetches to the other subgraphs) and shaped as a query's response.
 */
final class SubscriptionEvents {
  private static final Logger log = LoggerFactory.getLogger(SubscriptionEvents.class);

  private final SubgraphSubscriptions subscriptions;
  private final PlanExecutor executor;
  private final GatewayOptions options;
  private final OperationResponses responses;

  SubscriptionEvents(
      SubgraphSubscriptions subscriptions,
      PlanExecutor executor,
      GatewayOptions options,
      OperationResponses responses) {
    this.subscriptions = subscriptions;
    this.executor = executor;
    this.options = options;
    this.responses = responses;
  }

  Flux<GatewayResponse> events(
      GatewayRequest request,
      PreparedOperation prepared,
      Map<String, Object> coerced,
      ExecutionState first,
      PlanNode.Subscription subscription,
      Set<graphql.language.Field> refused,
      DemandControl.Outcome cost) {
    PlanNode.Fetch primary = subscription.primary();
    List<Map<String, Object>> initialErrors = List.copyOf(first.errors());
    Map<String, Object> variables = PlanExecutor.variablesFor(primary.variableUsages(), first);
    Map<String, List<String>> headers =
        options.headers().headersFor(primary.subgraph(), request.headers(), request.identity());
    return subscriptions
        .subscribe(primary.subgraph(), primary.operation(), variables, headers)
        .concatMap(
            event -> {
              if (event.lost()) {
                return Mono.just(GatewayResponse.executed(null, event.lostErrors(), null));
              }
              long deadline =
                  System.nanoTime() + options.trafficShaping().requestDeadline().toNanos();
              ExecutionState state =
                  new ExecutionState(
                      request.variables(),
                      coerced,
                      request.headers(),
                      deadline,
                      request.identity());
              state.errors().addAll(initialErrors);
              executor.acceptRoot(primary, event.body(), state);
              Mono<Void> rest =
                  subscription.rest() == null
                      ? Mono.empty()
                      : executor.execute(subscription.rest(), state);
              return rest.then(
                      Mono.fromCallable(
                          () ->
                              responses.respond(request, prepared, coerced, state, refused, cost)))
                  .onErrorResume(
                      e -> {
                        log.error("subscription event failed", e);
                        return Mono.just(
                            GatewayResponse.executed(
                                null,
                                List.of(
                                    GraphQLErrors.error(
                                        "Internal server error", GraphQLErrors.INTERNAL)),
                                null));
                      });
            });
  }
}
