package dev.junction.subgraph.common.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A minimal graphql-transport-ws client for tests (the protocol of the graphql-ws library): opens a
 * WebSocket with the given upgrade headers, sends {@code connection_init}, and after {@code
 * connection_ack} one {@code subscribe}; emits every {@code next}, {@code error} and {@code
 * complete} message of that subscription (as maps with {@code type} and {@code payload}) and
 * completes after the {@code complete} or {@code error}. Cancelling the flux sends {@code complete}
 * and closes the socket. A refused handshake fails the flux.
 */
public final class GraphQlWsClient {
  /** The sub-protocol name. */
  public static final String PROTOCOL = "graphql-transport-ws";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "1";

  private GraphQlWsClient() {}

  /** The messages of one subscription over a new connection to {@code uri}. */
  public static Flux<Map<String, Object>> subscribe(
      URI uri, HttpHeaders headers, String query, Map<String, Object> variables) {
    return Flux.defer(
        () -> {
          Sinks.Many<Map<String, Object>> messages = Sinks.many().unicast().onBackpressureBuffer();
          Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
          WebSocketHandler handler =
              new WebSocketHandler() {
                @Override
                public List<String> getSubProtocols() {
                  return List.of(PROTOCOL);
                }

                @Override
                public Mono<Void> handle(WebSocketSession session) {
                  outbound.tryEmitNext(
                      json(Map.of("type", "connection_init", "payload", Map.of())));
                  Mono<Void> send = session.send(outbound.asFlux().map(session::textMessage));
                  Mono<Void> receive =
                      session
                          .receive()
                          .map(WebSocketMessage::getPayloadAsText)
                          .map(GraphQlWsClient::parse)
                          .doOnNext(msg -> onMessage(msg, variables, query, outbound, messages))
                          .takeUntil(GraphQlWsClient::last)
                          .then();
                  return Mono.firstWithSignal(send, receive)
                      .then(session.close())
                      .doFinally(s -> messages.tryEmitComplete());
                }
              };
          Mono<Void> connection =
              new ReactorNettyWebSocketClient()
                  .execute(uri, headers, handler)
                  .doOnError(messages::tryEmitError);
          return messages
              .asFlux()
              .doOnSubscribe(s -> connection.subscribe(v -> {}, e -> {}))
              .doOnCancel(
                  () -> {
                    outbound.tryEmitNext(json(Map.of("id", ID, "type", "complete")));
                    outbound.tryEmitComplete();
                  });
        });
  }

  /** Whether the connection is accepted: {@code connection_ack} arrives within {@code timeout}. */
  public static Mono<Boolean> handshake(URI uri, HttpHeaders headers, Duration timeout) {
    Sinks.One<Boolean> acked = Sinks.one();
    WebSocketHandler handler =
        new WebSocketHandler() {
          @Override
          public List<String> getSubProtocols() {
            return List.of(PROTOCOL);
          }

          @Override
          public Mono<Void> handle(WebSocketSession session) {
            Mono<Boolean> send =
                session
                    .send(
                        Mono.just(
                            session.textMessage(
                                json(Map.of("type", "connection_init", "payload", Map.of())))))
                    .thenReturn(true);
            Mono<Boolean> ack =
                session
                    .receive()
                    .map(WebSocketMessage::getPayloadAsText)
                    .map(GraphQlWsClient::parse)
                    .filter(m -> "connection_ack".equals(m.get("type")))
                    .next()
                    .map(m -> true);
            return Mono.zip(send, ack)
                .doOnNext(t -> acked.tryEmitValue(true))
                .then(session.close());
          }
        };
    return new ReactorNettyWebSocketClient()
        .execute(uri, headers, handler)
        .then(acked.asMono())
        .timeout(timeout);
  }

  private static void onMessage(
      Map<String, Object> msg,
      Map<String, Object> variables,
      String query,
      Sinks.Many<String> outbound,
      Sinks.Many<Map<String, Object>> messages) {
    Object type = msg.get("type");
    if ("connection_ack".equals(type)) {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("query", query);
      payload.put("variables", variables);
      outbound.tryEmitNext(json(Map.of("id", ID, "type", "subscribe", "payload", payload)));
    } else if ("ping".equals(type)) {
      outbound.tryEmitNext(json(Map.of("type", "pong")));
    } else if (ID.equals(msg.get("id"))) {
      messages.tryEmitNext(msg);
      if (last(msg)) {
        messages.tryEmitComplete();
        outbound.tryEmitComplete();
      }
    }
  }

  private static boolean last(Map<String, Object> msg) {
    return ID.equals(msg.get("id"))
        && ("complete".equals(msg.get("type")) || "error".equals(msg.get("type")));
  }

  private static Map<String, Object> parse(String text) {
    try {
      return JSON.readValue(text, new TypeReference<Map<String, Object>>() {});
    } catch (Exception e) {
      throw new IllegalStateException("not a JSON message: " + text, e);
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
