package dev.junction.gateway.execution.cost;

import dev.junction.gateway.execution.GraphQLErrors;
import dev.junction.gateway.execution.PreparedOperation;
import dev.junction.gateway.execution.cost.DemandControlConfig.Expose;
import dev.junction.gateway.execution.cost.DemandControlConfig.Mode;
import dev.junction.gateway.execution.cost.OperationCost.CostException;
import graphql.schema.GraphQLSchema;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Demand control in the gateway: the estimated cost of each request (an {@link OperationCost}
 * compiled once per prepared operation, evaluated with the request's variables), checked against
 * {@code max_cost} before any subgraph call. Thread-safe.
 *
 * <p>Metrics: {@code junction.operation.cost.estimated} (a distribution of estimated costs, tagged
 * {@code result}: {@code COST_OK}, {@code COST_ESTIMATED_TOO_EXPENSIVE} or {@code
 * COST_QUERY_PARSE_FAILURE}) and, for each rejection, {@code junction.operation.limit.rejections}
 * tagged {@code limit=max_cost}.
 */
public final class DemandControl {
  /** Error code of an operation whose estimated cost is over {@code max_cost}. */
  public static final String TOO_EXPENSIVE = "COST_ESTIMATED_TOO_EXPENSIVE";

  /** Error code of slicing arguments that break {@code requireOneSlicingArgument}. */
  public static final String QUERY_PARSE_FAILURE = "COST_QUERY_PARSE_FAILURE";

  /** The result tag of an operation within {@code max_cost}. */
  public static final String OK = "COST_OK";

  /** Distribution summary of estimated costs, tagged {@code result}. */
  public static final String ESTIMATED = "junction.operation.cost.estimated";

  private final DemandControlConfig config;
  private final CostSchema schema;
  private final MeterRegistry meters;
  private final String rejectionCounter;
  private final Map<String, DistributionSummary> estimates = new ConcurrentHashMap<>();

  /** The outcome for one request: the estimate, and the error response when it is refused. */
  public record Outcome(long estimated, String result, Map<String, Object> error, boolean expose) {
    /** Whether the request must not run. */
    public boolean rejected() {
      return error != null;
    }

    /**
     * {@code extensions} with {@code cost: {estimated, max, result}} added when exposed (a new map;
     * {@code extensions} may be null).
     */
    public Map<String, Object> extensions(Map<String, Object> extensions, long max) {
      if (!expose) {
        return extensions;
      }
      Map<String, Object> out =
          extensions == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extensions);
      Map<String, Object> cost = new LinkedHashMap<>();
      cost.put("estimated", estimated);
      cost.put("max", max);
      cost.put("result", result);
      out.put("cost", cost);
      return out;
    }
  }

  private static final Outcome OFF = new Outcome(0, OK, null, false);

  /**
   * @param supergraphSchema the supergraph schema, with its {@code @cost}/{@code @listSize}
   * @param apiSchema the API schema (possible types of interfaces and unions)
   * @param rejectionCounter the counter name of limit rejections (tagged {@code limit=max_cost})
   */
  public DemandControl(
      DemandControlConfig config,
      GraphQLSchema supergraphSchema,
      GraphQLSchema apiSchema,
      MeterRegistry meters,
      String rejectionCounter) {
    this.config = config;
    this.schema = config.enabled() ? CostSchema.of(supergraphSchema, apiSchema) : null;
    this.meters = meters;
    this.rejectionCounter = rejectionCounter;
  }

  public DemandControlConfig config() {
    return config;
  }

  /** The compiled cost of a prepared operation (compiled on first use, kept with it). */
  public OperationCost cost(PreparedOperation prepared) {
    return prepared.derive(
        this, p -> OperationCost.compile(schema, p.operation(), p.fragments(), config.listSize()));
  }

  /**
   * Checks one request: {@code variables} are its coerced variables, {@code costHeader} the value
   * of its {@code x-junction-cost} header (or null).
   */
  public Outcome check(
      PreparedOperation prepared, Map<String, Object> variables, String costHeader) {
    if (!config.enabled()) {
      return OFF;
    }
    boolean enforce = config.mode() == Mode.ENFORCE;
    boolean expose =
        config.exposeCost() == Expose.ALWAYS
            || config.exposeCost() == Expose.ON_REQUEST && "true".equalsIgnoreCase(costHeader);
    OperationCost cost = cost(prepared);
    long estimated;
    String result = OK;
    Map<String, Object> error = null;
    try {
      estimated = cost.evaluate(variables, true);
    } catch (CostException e) {
      result = QUERY_PARSE_FAILURE;
      estimated = cost.lenientEstimate(variables);
      if (enforce) {
        error = GraphQLErrors.error(e.getMessage(), QUERY_PARSE_FAILURE);
      }
    }
    if (estimated > config.maxCost() && result == OK) {
      result = TOO_EXPENSIVE;
      if (enforce) {
        error = tooExpensive(estimated);
        meters.counter(rejectionCounter, "limit", "max_cost").increment();
      }
    }
    estimates
        .computeIfAbsent(
            result,
            r ->
                DistributionSummary.builder(ESTIMATED)
                    .description("Estimated cost of operations (demand control)")
                    .tag("result", r)
                    .register(meters))
        .record(Math.max(0, estimated));
    return new Outcome(estimated, result, error, expose);
  }

  private Map<String, Object> tooExpensive(long estimated) {
    Map<String, Object> e =
        GraphQLErrors.error(
            "The estimated cost of the operation ("
                + estimated
                + ") is over the maximum cost ("
                + config.maxCost()
                + ").",
            TOO_EXPENSIVE);
    @SuppressWarnings("unchecked")
    Map<String, Object> ext = new LinkedHashMap<>((Map<String, Object>) e.get("extensions"));
    ext.put("cost", estimated);
    ext.put("max_cost", config.maxCost());
    e.put("extensions", ext);
    return e;
  }
}
