package dev.junction.gateway.subscription;

import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.GatewayResponse;
import reactor.core.publisher.Flux;

/**
 * What the subscription transports need from the engine: {@code Gateway::subscribe} (a query or a
 * mutation is one response, a subscription one per event; a request refused before execution is one
 * response whose HTTP status is not 200).
 */
@FunctionalInterface
public interface SubscriptionHandler {
  /** The responses of one operation, in order; never signals an error. */
  Flux<GatewayResponse> subscribe(GatewayRequest request);
}
