package dev.junction.gateway.http;

import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.GatewayResponse;
import dev.junction.gateway.subscription.SubscriptionHandler;
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
   * Prepares one request for a streaming transport (WebSocket, SSE): {@code Gateway::open}; by
   * default the one response of {@link #execute}.
   */
  default Mono<SubscriptionHandler.Opened> open(GatewayRequest request) {
    return execute(request).map(SubscriptionHandler.Opened::of);
  }
}
