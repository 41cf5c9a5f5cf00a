package dev.junction.gateway.subscription;

import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.GatewayResponse;
import dev.junction.gateway.auth.Authenticator;
import dev.junction.gateway.config.SubscriptionConfig;
import dev.junction.gateway.execution.GraphQLErrors;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * The client side of subscriptions on {@code /graphql}: graphql-transport-ws over a WebSocket
 * upgrade, and GraphQL over Server-Sent Events ("distinct connections" mode: one operation per
 * request, {@code event: next} per result, then {@code event: complete}). Both are bounded: open
 * connections per client, operations per socket, buffered events per slow client.
 */
public final class SubscriptionTransports {
  /** Error code of a client over {@code max_connections_per_client}. */
  public static final String TOO_MANY_CONNECTIONS = "TOO_MANY_CONNECTIONS";

  /** Error code of an SSE stream whose client read too slowly. */
  public static final String SLOW_CONSUMER = "SUBSCRIPTION_CLIENT_TOO_SLOW";

  private static final String COMPLETE = "event: complete\ndata:\n\n";
  private static final String KEEPALIVE = ":\n\n";

  private final SubscriptionHandler handler;
  private final Authenticator authenticator;
  private final SubscriptionConfig config;
  private final ClientConnections connections;

  /**
   * @param handler runs the operations ({@code Gateway::subscribe})
   * @param authenticator verifies a token sent in {@code connection_init}
   * @param config limits and time-outs
   */
  public SubscriptionTransports(
      SubscriptionHandler handler, Authenticator authenticator, SubscriptionConfig config) {
    this.handler = handler;
    this.authenticator = authenticator;
    this.config = config;
    this.connections = new ClientConnections(config.maxConnectionsPerClient());
  }

  /** Whether a request asks for a WebSocket upgrade. */
  public static boolean isUpgrade(io.netty.handler.codec.http.HttpHeaders headers) {
    String upgrade = headers.get(HttpHeaderNames.UPGRADE);
    return upgrade != null && upgrade.trim().equalsIgnoreCase("websocket");
  }

  /** Whether an {@code Accept} header asks for Server-Sent Events. */
  public static boolean wantsEventStream(String accept) {
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/event-stream");
  }

  /** The error of a client holding its limit of connections, or null when it may open one. */
  public Map<String, Object> acquire(String clientKey) {
    if (connections.tryAcquire(clientKey)) {
      return null;
    }
    return GraphQLErrors.error(
        "This client already holds its limit of "
            + config.maxConnectionsPerClient()
            + " subscription connections.",
        TOO_MANY_CONNECTIONS);
  }

  /**
   * Upgrades to a graphql-transport-ws WebSocket; the client's slot (taken by {@link #acquire}) is
   * given back when it closes.
   *
   * @param headers the upgrade request's headers, names lower-cased
   */
  public Mono<Void> webSocket(
      HttpServerResponse response, Map<String, List<String>> headers, String clientKey) {
    java.util.concurrent.atomic.AtomicBoolean released =
        new java.util.concurrent.atomic.AtomicBoolean();
    return response
        .sendWebsocket(
            (in, out) ->
                new WebSocketConnection(in, out, handler, authenticator, config, headers)
                    .run()
                    .doFinally(s -> release(clientKey, released)),
            WebsocketServerSpec.builder()
                .protocols(GraphQLWsProtocol.SUBPROTOCOL)
                .maxFramePayloadLength(config.maxMessageBytes())
                .build())
        .onErrorResume(
            e -> {
              release(clientKey, released);
              return Mono.error(e);
            });
  }

  /** Gives a client's slot back once, whichever of the upgrade or the socket ends it. */
  private void release(String clientKey, java.util.concurrent.atomic.AtomicBoolean released) {
    if (released.compareAndSet(false, true)) {
      connections.release(clientKey);
    }
  }

  /**
   * Serves one operation as Server-Sent Events. A request refused before execution is answered as
   * plain JSON with its status; otherwise 200, one {@code next} event per result, keep-alive
   * comments, and {@code complete}.
   */
  public Mono<Void> eventStream(
      GatewayRequest request, HttpServerResponse response, String clientKey) {
    return Mono.defer(() -> handler.open(request))
        .flatMap(
            opened -> {
              if (opened.refused() != null) {
                GatewayResponse refused = opened.refused();
                byte[] body = refused.toJson();
                return response
                    .status(refused.httpStatus())
                    .header(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                    .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                    .sendByteArray(Mono.just(body))
                    .then();
              }
              Flux<GatewayResponse> all = opened.responses();
              response
                  .status(200)
                  .header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                  .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                  .header("x-accel-buffering", "no");
              Flux<String> events =
                  all.map(SubscriptionTransports::nextEvent)
                      .onBackpressureBuffer(
                          config.bufferSize(), dropped -> {}, BufferOverflowStrategy.ERROR)
                      .onErrorResume(
                          e ->
                              Mono.just(
                                  errorEvent(
                                      Exceptions.isOverflow(e)
                                          ? GraphQLErrors.error(
                                              "The client read too slowly: more than "
                                                  + config.bufferSize()
                                                  + " events waiting.",
                                              SLOW_CONSUMER)
                                          : GraphQLErrors.error(
                                              "Internal server error", GraphQLErrors.INTERNAL))))
                      .concatWith(Mono.just(COMPLETE));
              Flux<String> stream =
                  config.keepaliveInterval().isZero()
                      ? events
                      : Flux.merge(
                              events, Flux.interval(config.keepaliveInterval()).map(t -> KEEPALIVE))
                          .takeUntil(s -> s == COMPLETE);
              return response.sendString(stream, StandardCharsets.UTF_8).then();
            })
        .doFinally(s -> connections.release(clientKey));
  }

  private static String nextEvent(GatewayResponse response) {
    return "event: next\ndata: " + new String(response.toJson(), StandardCharsets.UTF_8) + "\n\n";
  }

  private static String errorEvent(Map<String, Object> error) {
    return nextEvent(GatewayResponse.executed(null, List.of(error), null));
  }
}
