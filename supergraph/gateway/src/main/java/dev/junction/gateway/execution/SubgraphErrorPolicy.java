package dev.junction.gateway.execution;

import java.util.Map;

/**
 * Which subgraphs' error messages reach clients ({@code include_subgraph_errors} in {@code
 * router.yaml}). An error of a subgraph not included keeps its path, {@code extensions.code} and
 * {@code serviceName}, gets the message {@value #REDACTED} and a {@code requestId}, and is logged
 * in full under that id.
 *
 * @param all the default for every subgraph
 * @param subgraphs per-subgraph overrides, by subgraph name
 */
public record SubgraphErrorPolicy(boolean all, Map<String, Boolean> subgraphs) {
  /** The message clients see in place of a redacted subgraph error. */
  public static final String REDACTED = "Subgraph errors redacted";

  /** Every subgraph error redacted: the default. */
  public static final SubgraphErrorPolicy REDACT_ALL = new SubgraphErrorPolicy(false, Map.of());

  /** Every subgraph error passed through (tests, trusted clients). */
  public static final SubgraphErrorPolicy INCLUDE_ALL = new SubgraphErrorPolicy(true, Map.of());

  public SubgraphErrorPolicy {
    subgraphs = Map.copyOf(subgraphs);
  }

  /** Whether the messages of this subgraph's errors reach the client. */
  public boolean includes(String subgraph) {
    Boolean override = subgraphs.get(subgraph);
    return override == null ? all : override;
  }
}
