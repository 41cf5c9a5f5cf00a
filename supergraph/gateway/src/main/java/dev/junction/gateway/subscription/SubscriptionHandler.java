package dev.junction.gateway.subscription;

import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.GatewayResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What the subscription transports need from the engine: {@code Gateway::open}. */
@FunctionalInterface
public interface SubscriptionHandler {
  /**
   * Prepares one operation; the result arrives as soon as the operation is accepted or refused,
   * before any subscription event. Never signals an error.
   */
  Mono<Opened> open(GatewayRequest request);

  /**
   * An accepted operation's responses (a query or mutation: one; a subscription: one per event), or
   * the response of a request refused before execution (its HTTP status is not 200).
   *
   * @param refused the refusal, or null
   * @param responses the responses, in order (empty when refused)
   * @param incremental whether the responses are the payloads of one incremental response
   *     ({@code @defer}) rather than one or a stream of whole responses
   */
  record Opened(GatewayResponse refused, Flux<GatewayResponse> responses, boolean incremental) {
    public Opened(GatewayResponse refused, Flux<GatewayResponse> responses) {
      this(refused, responses, false);
    }

    /** The responses of an accepted operation. */
    public static Opened accepted(Flux<GatewayResponse> responses) {
      return new Opened(null, responses);
    }

    /** The payloads of an operation delivered incrementally ({@code @defer}). */
    public static Opened incremental(Flux<GatewayResponse> payloads) {
      return new Opened(null, payloads, true);
    }

    /** A single response: a refusal unless its status is 200. */
    public static Opened of(GatewayResponse response) {
      return response.httpStatus() != 200
          ? new Opened(response, Flux.empty())
          : new Opened(null, Flux.just(response));
    }

    /** Every response, a refusal included. */
    public Flux<GatewayResponse> all() {
      return refused != null ? Flux.just(refused) : responses;
    }
  }
}
