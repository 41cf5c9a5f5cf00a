package dev.junction.gateway.http;

import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.GatewayResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the HTTP layer needs from the engine: {@code Gateway::execute} in production, a fake in
 * tests.
 */
@FunctionalInterface
public interface GraphQLHandler {
  /** Executes one decoded client request; errors become a 500 GraphQL error. */
  Mono<GatewayResponse> execute(GatewayRequest request);

  /**
   * Executes one request on a streaming transport (WebSocket, SSE): {@code Gateway::subscribe}; by
   * default the one response of {@link #execute}.
   */
  default Flux<GatewayResponse> subscribe(GatewayRequest request) {
    return execute(request).flux();
  }
}
