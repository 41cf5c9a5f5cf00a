package dev.junction.gateway.execution;

import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Sends one fetch of a plan to its subgraph, with whatever resilience policies apply. */
@FunctionalInterface
public interface SubgraphFetcher {
  /**
   * Runs the fetch; never signals an error: failures are {@link SubgraphClient.Result}s with a
   * code.
   *
   * @param operation the GraphQL document for the subgraph
   * @param variables the variables it uses
   * @param headers the headers forwarded to the subgraph
   * @param mutation whether the document is a mutation (never retried nor de-duplicated)
   * @param deadlineNanos {@link System#nanoTime()} by which the client request must be answered
   */
  Mono<SubgraphClient.Result> fetch(
      String operation,
      Map<String, Object> variables,
      Map<String, List<String>> headers,
      boolean mutation,
      long deadlineNanos);
}
