package dev.junction.gateway.subscription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.gateway.config.SubscriptionConfig;
import dev.junction.gateway.execution.GraphQLErrors;
import dev.junction.gateway.execution.JsonReader;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;

/**
 * Subscribes to a subgraph over graphql-transport-ws: one WebSocket per client subscription (no
 * multiplexing), opened with the subgraph's headers (the caller credential and the propagated
 * end-user headers) on the upgrade and, as strings, in the {@code connection_init} payload. The
 * socket must connect and acknowledge within the configured time-out. A socket that closes or fails
 * before the subgraph's {@code complete} ends the stream with one {@link Event#lost} event (no
 * reconnection); cancelling the returned flux closes the socket.
 */
public final class SubgraphSubscriptions {
  private static final Logger log = LoggerFactory.getLogger(SubgraphSubscriptions.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Error code of a subscription whose subgraph socket closed or failed mid-stream. */
  public static final String SOURCE_LOST = "SUBSCRIPTION_SOURCE_LOST";

  private static final Object ACK = new Object();

  private final Map<String, String> urls;
  private final Duration ackTimeout;
  private final int maxFrameBytes;
  private final HttpClient http;
  private final AtomicInteger open = new AtomicInteger();

  /**
   * One event of a subgraph subscription.
   *
   * @param body the {@code next} payload ({@code data}, {@code errors}) as a root fetch's response,
   *     or for a lost source null
   * @param lostErrors the errors to send when the source was lost, else null
   */
  public record Event(Map<String, Object> body, List<Map<String, Object>> lostErrors) {
    /** Whether the source was lost (the last event). */
    public boolean lost() {
      return lostErrors != null;
    }
  }

  /**
   * @param urls WebSocket URL by subgraph name
   * @param config the ack time-out and message size limit
   */
  public SubgraphSubscriptions(Map<String, String> urls, SubscriptionConfig config) {
    this.urls = Map.copyOf(urls);
    this.ackTimeout = config.subgraphAckTimeout();
    this.maxFrameBytes = Math.max(64 * 1024, config.maxMessageBytes()) * 16;
    this.http =
        // a connection of its own per socket: upgraded sockets never return to a pool, and the
        // default pool would hold subscriptions to one subgraph at 500
        HttpClient.create(ConnectionProvider.newConnection())
            .option(
                io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, ackTimeout.toMillis()));
  }

  /** The WebSocket URL used for a subgraph, or null. */
  public String url(String subgraph) {
    return urls.get(subgraph);
  }

  /** Subgraph sockets open now. */
  public int openSockets() {
    return open.get();
  }

  /**
   * Subscribes to {@code document} at {@code subgraph}. Never signals an error: a failure is a last
   * {@link Event#lost} event.
   */
  public Flux<Event> subscribe(
      String subgraph,
      String document,
      Map<String, Object> variables,
      Map<String, List<String>> headers) {
    String url = urls.get(subgraph);
    if (url == null) {
      return Flux.just(lost(subgraph, "No WebSocket URL for subgraph '" + subgraph + "'"));
    }
    byte[] init;
    byte[] subscribe;
    try {
      Map<String, Object> payload = new LinkedHashMap<>();
      headers.forEach((name, values) -> payload.put(name, String.join(", ", values)));
      init = JSON.writeValueAsBytes(Map.of("type", "connection_init", "payload", payload));
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("query", document);
      request.put("variables", variables);
      subscribe =
          JSON.writeValueAsBytes(Map.of("id", "1", "type", "subscribe", "payload", request));
    } catch (JsonProcessingException e) {
      return Flux.just(lost(subgraph, "The subscription request could not be encoded"));
    }
    return reconnecting(() -> connect(subgraph, url, init, subscribe, headers), subgraph, 0);
  }

  /** Reconnections to a lost subgraph before the client is told; the back-off doubles. */
  static final int MAX_RECONNECTS = 3;

  /** The wait before the first reconnection. */
  static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

  /**
   * One socket's events; when it is lost (dropped, closed without {@code complete}, refused or not
   * acknowledged) a new socket subscribes again after a back-off (250 ms, 500 ms, 1 s), at most
   * {@link #MAX_RECONNECTS} times in a row: a socket that delivered an event starts the count
   * again. Events sent while no socket was open are not replayed.
   */
  private Flux<Event> reconnecting(
      java.util.function.Supplier<Flux<Event>> connect, String subgraph, int failures) {
    AtomicBoolean delivered = new AtomicBoolean();
    return Flux.defer(connect)
        .doOnNext(
            e -> {
              if (!e.lost()) {
                delivered.set(true);
              }
            })
        .concatMap(
            e -> {
              if (!e.lost()) {
                return Mono.just(e);
              }
              int n = delivered.get() ? 0 : failures;
              if (n >= MAX_RECONNECTS) {
                return Mono.just(
                    lost(
                        subgraph,
                        e.lostErrors().get(0).get("message").toString().replaceAll("\\.$", "")
                            + " ("
                            + n
                            + " reconnection attempts failed)"));
              }
              log.info("subscription to subgraph {} lost; reconnecting ({})", subgraph, n + 1);
              return Mono.delay(FIRST_BACKOFF.multipliedBy(1L << n))
                  .thenMany(reconnecting(connect, subgraph, n + 1));
            });
  }

  private Flux<Event> connect(
      String subgraph,
      String url,
      byte[] init,
      byte[] subscribe,
      Map<String, List<String>> headers) {
    AtomicBoolean completed = new AtomicBoolean();
    Flux<Object> socket =
        http.headers(h -> headers.forEach(h::set))
            .websocket(
                WebsocketClientSpec.builder()
                    .protocols(GraphQLWsProtocol.SUBPROTOCOL)
                    .maxFramePayloadLength(maxFrameBytes)
                    .build())
            .uri(url)
            .handle(
                (in, out) -> {
                  open.incrementAndGet();
                  Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
                  outbound.tryEmitNext(new String(init, java.nio.charset.StandardCharsets.UTF_8));
                  Flux<Object> events =
                      in.aggregateFrames(maxFrameBytes)
                          .receive()
                          .asByteArray()
                          .<Object>handle(
                              (bytes, sink) -> {
                                Map<String, Object> message = parse(bytes);
                                Object type = message == null ? null : message.get("type");
                                if ("connection_ack".equals(type)) {
                                  emit(outbound, subscribe);
                                  sink.next(ACK);
                                } else if ("ping".equals(type)) {
                                  emit(outbound, GraphQLWsProtocol.PONG);
                                } else if ("next".equals(type)
                                    && message.get("payload") instanceof Map<?, ?> p) {
                                  sink.next(new Event(cast(p), null));
                                } else if ("error".equals(type)) {
                                  completed.set(true);
                                  sink.next(new Event(errorsBody(message.get("payload")), null));
                                  sink.complete();
                                } else if ("complete".equals(type)) {
                                  completed.set(true);
                                  sink.complete();
                                } else if (!"pong".equals(type)) {
                                  sink.error(
                                      new IOException("unexpected message from the subgraph"));
                                }
                              })
                          .doFinally(s -> outbound.tryEmitComplete());
                  return Flux.merge(events, out.sendString(outbound.asFlux()).then(Mono.empty()))
                      .doFinally(s -> open.decrementAndGet());
                });
    return socket
        .timeout(Mono.delay(ackTimeout), first -> Mono.never())
        .filter(o -> o != ACK)
        .cast(Event.class)
        .concatWith(
            Mono.defer(
                () ->
                    completed.get()
                        ? Mono.empty()
                        : Mono.just(lost(subgraph, "The subgraph closed the subscription"))))
        .onErrorResume(
            e -> {
              log.warn("subscription to subgraph {} at {} lost: {}", subgraph, url, e.toString());
              return Mono.just(
                  lost(
                      subgraph,
                      e instanceof java.util.concurrent.TimeoutException
                          ? "The subgraph did not acknowledge the subscription in time"
                          : "The connection to the subgraph was lost"));
            });
  }

  private static void emit(Sinks.Many<String> outbound, byte[] message) {
    emit(outbound, new String(message, java.nio.charset.StandardCharsets.UTF_8));
  }

  private static void emit(Sinks.Many<String> outbound, String message) {
    synchronized (outbound) {
      outbound.tryEmitNext(message);
    }
  }

  private static Event lost(String subgraph, String message) {
    return new Event(
        null, List.of(GraphQLErrors.error(message + ".", SOURCE_LOST, null, subgraph)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  private static Map<String, Object> errorsBody(Object payload) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("data", null);
    body.put(
        "errors",
        payload instanceof List<?> l
            ? l
            : List.of(Map.of("message", "The subgraph refused the subscription")));
    return body;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(byte[] bytes) {
    try {
      return JsonReader.read(bytes) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    } catch (IOException e) {
      return null;
    }
  }
}
