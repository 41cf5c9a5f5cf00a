package dev.junction.gateway.execution.cost;

/**
 * Demand control (the {@code demand_control:} section of {@code router.yaml}): the static cost of
 * each operation, from {@code @cost} and {@code @listSize} in the supergraph (Apollo Federation 2.9
 * / IBM cost directive semantics), computed per request before any subgraph call.
 *
 * @param enabled whether costs are computed at all
 * @param mode {@link Mode#ENFORCE} rejects operations over {@code maxCost}; {@link Mode#MEASURE}
 *     only records them
 * @param maxCost the highest estimated cost an operation may have
 * @param listSize the size assumed for a list field without {@code @listSize} (or whose slicing
 *     arguments are absent and that has no {@code assumedSize})
 * @param exposeCost when the response carries {@code extensions.cost}
 */
public record DemandControlConfig(
    boolean enabled, Mode mode, long maxCost, long listSize, Expose exposeCost) {

  /** What happens to an operation over {@code max_cost}. */
  public enum Mode {
    /** Rejected with HTTP 400 {@code COST_ESTIMATED_TOO_EXPENSIVE}, no subgraph called. */
    ENFORCE,
    /** Executed; the cost is only measured (metrics, and the extension when exposed). */
    MEASURE
  }

  /** When a response carries {@code extensions.cost}. */
  public enum Expose {
    /** Never. */
    NEVER,
    /** When the request has the header {@code x-junction-cost: true}. */
    ON_REQUEST,
    /** Always. */
    ALWAYS
  }

  /**
   * Default maximum cost (10,000). With the default list size of 10 the heaviest operations of this
   * repository (the README's customer with orders, lines and stock; client-sdk's
   * CustomerWithOrders) estimate about 460, and three nested lists without {@code @listSize} 1,110:
   * the 1,000 of Apollo Router's examples refused such ordinary operations (a conformance suite's
   * nested {@code @provides} cases among them), so the default leaves room for four levels of
   * unsized lists and operators tighten it to their heaviest operation.
   */
  public static final long DEFAULT_MAX_COST = 10_000;

  /** Default assumed list size (10, as in Apollo Router's demand control examples). */
  public static final long DEFAULT_LIST_SIZE = 10;

  /** Request header that asks for {@code extensions.cost} under {@link Expose#ON_REQUEST}. */
  public static final String REQUEST_HEADER = "x-junction-cost";

  public DemandControlConfig {
    if (maxCost < 0 || listSize < 0) {
      throw new IllegalArgumentException("max_cost and list_size must not be negative");
    }
  }

  /** On, enforcing 10,000 with lists of 10, the cost in the response when the client asks. */
  public static DemandControlConfig defaults() {
    return new DemandControlConfig(
        true, Mode.ENFORCE, DEFAULT_MAX_COST, DEFAULT_LIST_SIZE, Expose.ON_REQUEST);
  }

  /** Off: no cost is computed. */
  public static DemandControlConfig disabled() {
    return new DemandControlConfig(
        false, Mode.ENFORCE, DEFAULT_MAX_COST, DEFAULT_LIST_SIZE, Expose.ON_REQUEST);
  }
}
