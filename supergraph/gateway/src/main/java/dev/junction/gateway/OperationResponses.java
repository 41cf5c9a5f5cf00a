package dev.junction.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.gateway.execution.ExecutionState;
import dev.junction.gateway.execution.PreparedOperation;
import dev.junction.gateway.execution.cost.DemandControl;
import dev.junction.gateway.response.JsonWriter;
import dev.junction.gateway.response.ResponseShaper;
import dev.junction.planner.plan.PlanJson;
import dev.junction.planner.supergraph.Supergraph;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLObjectType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Shapes the response of an executed operation (a query's, a deferred part's, an event's). */
final class OperationResponses {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supergraph supergraph;
  private final GatewayOptions options;

  OperationResponses(Supergraph supergraph, GatewayOptions options) {
    this.supergraph = supergraph;
    this.options = options;
  }

  GatewayResponse respond(
      GatewayRequest request,
      PreparedOperation prepared,
      Map<String, Object> coerced,
      ExecutionState state,
      Set<graphql.language.Field> refused,
      DemandControl.Outcome cost) {
    return respond(request, prepared, coerced, state, refused, cost, null);
  }

  ResponseShaper shaper(
      PreparedOperation prepared,
      Map<String, Object> coerced,
      List<Map<String, Object>> errors,
      Set<graphql.language.Field> refused) {
    return new ResponseShaper(
        supergraph.apiSchema().schema(),
        prepared.fragments(),
        coerced,
        errors,
        refused.isEmpty() ? prepared.selections() : null,
        refused);
  }

  /**
   * The response of an executed operation; with a {@code sink}, its primary part: the deferred
   * fragments left out, their sites added to the sink.
   */
  GatewayResponse respond(
      GatewayRequest request,
      PreparedOperation prepared,
      Map<String, Object> coerced,
      ExecutionState state,
      Set<graphql.language.Field> refused,
      DemandControl.Outcome cost,
      List<ResponseShaper.DeferSite> sink) {
    OperationDefinition op = prepared.operation();
    GraphQLObjectType root =
        switch (op.getOperation()) {
          case MUTATION -> supergraph.apiSchema().schema().getMutationType();
          case SUBSCRIPTION -> supergraph.apiSchema().schema().getSubscriptionType();
          default -> supergraph.apiSchema().schema().getQueryType();
        };
    List<Map<String, Object>> errors = new ArrayList<>(state.errors());
    JsonWriter out = JsonWriter.scratch();
    synchronized (state.lock()) {
      ResponseShaper shaper = shaper(prepared, coerced, errors, refused);
      (sink == null ? shaper : shaper.deferring(sink))
          .writeRoot(state.data(), root, op.getSelectionSet(), out);
    }
    Map<String, Object> extensions = null;
    if (options.planInspection() && "true".equalsIgnoreCase(request.header("x-junction-plan"))) {
      try {
        extensions =
            Map.of("queryPlan", JSON.readValue(PlanJson.render(prepared.plan()), Map.class));
      } catch (Exception e) {
        extensions = Map.of("queryPlan", PlanJson.render(prepared.plan()));
      }
    }
    extensions = cost.extensions(extensions, options.demandControl().maxCost());
    return GatewayResponse.executedJson(out.buffer(), out.position(), errors, extensions);
  }
}
