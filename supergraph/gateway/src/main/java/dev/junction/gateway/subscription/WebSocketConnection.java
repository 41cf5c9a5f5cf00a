package dev.junction.gateway.subscription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.Identity;
import dev.junction.gateway.auth.AuthenticationException;
import dev.junction.gateway.auth.Authenticator;
import dev.junction.gateway.config.SubscriptionConfig;
import dev.junction.gateway.execution.GraphQLErrors;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.util.concurrent.Queues;

/** One client WebSocket speaking graphql-transport-ws: its state and its operations by id. */
final class WebSocketConnection {
  private static final Logger log = LoggerFactory.getLogger(WebSocketConnection.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Error code of a subscribe beyond {@code max_subscriptions_per_connection}. */
  static final String TOO_MANY_SUBSCRIPTIONS = "TOO_MANY_SUBSCRIPTIONS";

  private final WebsocketInbound in;
  private final WebsocketOutbound out;
  private final SubscriptionHandler handler;
  private final Authenticator authenticator;
  private final SubscriptionConfig config;
  private final Map<String, List<String>> upgradeHeaders;
  private final Sinks.Many<String> outbound;
  private final Map<String, Disposable> operations = new ConcurrentHashMap<>();
  private final AtomicBoolean initReceived = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Disposable.Composite timers = Disposables.composite();
  private final java.util.concurrent.atomic.AtomicInteger backlog =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile io.netty.channel.Channel channel;
  private volatile boolean acknowledged;
  private volatile Map<String, List<String>> headers;
  private volatile Identity identity = Identity.ANONYMOUS;

  WebSocketConnection(
      WebsocketInbound in,
      WebsocketOutbound out,
      SubscriptionHandler handler,
      Authenticator authenticator,
      SubscriptionConfig config,
      Map<String, List<String>> upgradeHeaders) {
    this.in = in;
    this.out = out;
    this.handler = handler;
    this.authenticator = authenticator;
    this.config = config;
    this.upgradeHeaders = upgradeHeaders;
    this.headers = upgradeHeaders;
    this.outbound =
        Sinks.many()
            .unicast()
            .onBackpressureBuffer(Queues.<String>get(config.bufferSize() + 16).get());
  }

  /** Serves the connection until either side closes it. */
  Mono<Void> run() {
    out.withConnection(c -> channel = c.channel());
    timers.add(
        Mono.delay(config.connectionInitTimeout())
            .subscribe(
                t -> {
                  if (!initReceived.get()) {
                    close(GraphQLWsProtocol.INIT_TIMEOUT, "Connection initialisation timeout");
                  }
                }));
    if (!config.keepaliveInterval().isZero()) {
      timers.add(
          Flux.interval(config.keepaliveInterval(), config.keepaliveInterval())
              .subscribe(t -> send(GraphQLWsProtocol.PING)));
    }
    Mono<Void> sending = out.sendString(outbound.asFlux(), StandardCharsets.UTF_8).then();
    Mono<Void> receiving =
        in.aggregateFrames(config.maxMessageBytes())
            .receiveFrames()
            .doOnNext(this::onFrame)
            .then()
            .onErrorResume(
                e -> {
                  close(1009, "Message too big or invalid");
                  return Mono.empty();
                })
            .doFinally(s -> release());
    return Mono.when(receiving, sending).onErrorResume(e -> Mono.empty()).doFinally(s -> release());
  }

  private void onFrame(WebSocketFrame frame) {
    if (closed.get()) {
      return;
    }
    if (!(frame instanceof TextWebSocketFrame text)) {
      if (frame instanceof io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame) {
        close(GraphQLWsProtocol.BAD_REQUEST, "Binary messages are not supported");
      }
      return;
    }
    Map<String, Object> message = parse(text.text());
    if (message == null || !(message.get("type") instanceof String type)) {
      close(GraphQLWsProtocol.BAD_REQUEST, "Invalid message received");
      return;
    }
    switch (type) {
      case "connection_init" -> init(message.get("payload"));
      case "ping" -> send(GraphQLWsProtocol.PONG);
      case "pong" -> {}
      case "subscribe" -> subscribe(message);
      case "complete" -> {
        if (!(message.get("id") instanceof String id) || id.isEmpty()) {
          close(GraphQLWsProtocol.BAD_REQUEST, "Invalid message received");
          return;
        }
        Disposable running = operations.remove(id);
        if (running != null) {
          running.dispose();
        }
      }
      default -> close(GraphQLWsProtocol.BAD_REQUEST, "Invalid message received");
    }
  }

  private void init(Object payload) {
    if (initReceived.getAndSet(true)) {
      close(GraphQLWsProtocol.TOO_MANY_INIT, "Too many initialisation requests");
      return;
    }
    if (payload != null && !(payload instanceof Map<?, ?>)) {
      close(GraphQLWsProtocol.BAD_REQUEST, "Invalid message received");
      return;
    }
    Map<String, List<String>> merged = new LinkedHashMap<>(upgradeHeaders);
    if (payload instanceof Map<?, ?> p) {
      // connection parameters that are strings count as request headers (Authorization, ...)
      p.forEach(
          (k, v) -> {
            if (k instanceof String name && v instanceof String value && !name.isBlank()) {
              merged.put(name.toLowerCase(Locale.ROOT), List.of(value));
            }
          });
    }
    try {
      identity = authenticator.authenticate(Map.copyOf(merged));
    } catch (AuthenticationException e) {
      close(GraphQLWsProtocol.UNAUTHORIZED, "Unauthorized");
      return;
    }
    headers = Map.copyOf(merged);
    acknowledged = true;
    send(GraphQLWsProtocol.ACK);
  }

  @SuppressWarnings("unchecked")
  private void subscribe(Map<String, Object> message) {
    if (!acknowledged) {
      close(GraphQLWsProtocol.UNAUTHORIZED, "Unauthorized");
      return;
    }
    if (!(message.get("id") instanceof String id)
        || id.isEmpty()
        || !(message.get("payload") instanceof Map<?, ?> payload)
        || !(payload.get("query") instanceof String query)
        || (payload.get("operationName") != null
            && !(payload.get("operationName") instanceof String))
        || (payload.get("variables") != null && !(payload.get("variables") instanceof Map<?, ?>))
        || (payload.get("extensions") != null
            && !(payload.get("extensions") instanceof Map<?, ?>))) {
      close(GraphQLWsProtocol.BAD_REQUEST, "Invalid message received");
      return;
    }
    Disposable.Swap slot = Disposables.swap();
    if (operations.putIfAbsent(id, slot) != null) {
      close(GraphQLWsProtocol.SUBSCRIBER_EXISTS, "Subscriber for " + id + " already exists");
      return;
    }
    if (operations.size() > config.maxSubscriptionsPerConnection()) {
      operations.remove(id, slot);
      send(
          message(
              id,
              "error",
              json(
                  List.of(
                      GraphQLErrors.error(
                          "This connection already runs its limit of "
                              + config.maxSubscriptionsPerConnection()
                              + " operations.",
                          TOO_MANY_SUBSCRIPTIONS)))));
      return;
    }
    GatewayRequest request =
        new GatewayRequest(
            query,
            (String) payload.get("operationName"),
            (Map<String, Object>) payload.get("variables"),
            (Map<String, Object>) payload.get("extensions"),
            headers,
            identity);
    AtomicBoolean failed = new AtomicBoolean();
    Disposable running =
        Mono.defer(() -> handler.open(request))
            .flatMapMany(
                opened -> {
                  if (opened.refused() == null) {
                    return opened.responses();
                  }
                  failed.set(true);
                  if (operations.remove(id, slot)) {
                    send(message(id, "error", json(opened.refused().errors())));
                  }
                  return Flux.empty();
                })
            .subscribe(
                response -> {
                  if (operations.get(id) == slot) {
                    send(
                        message(id, "next", new String(response.toJson(), StandardCharsets.UTF_8)));
                  }
                },
                error -> {
                  log.error("subscription {} failed", id, error);
                  if (operations.remove(id, slot)) {
                    send(
                        message(
                            id,
                            "error",
                            json(
                                List.of(
                                    GraphQLErrors.error(
                                        "Internal server error", GraphQLErrors.INTERNAL)))));
                  }
                },
                () -> {
                  if (!failed.get() && operations.remove(id, slot)) {
                    send(message(id, "complete", null));
                  }
                });
    slot.update(running);
  }

  private void send(String message) {
    synchronized (outbound) {
      if (closed.get()) {
        return;
      }
      // netty buffers what the client does not read beyond its high-water mark: count the
      // messages sent while the channel is not writable, and give up past buffer_size
      io.netty.channel.Channel ch = channel;
      boolean backedUp = ch != null && !ch.isWritable();
      int waiting = backedUp ? backlog.incrementAndGet() : 0;
      if (!backedUp) {
        backlog.set(0);
      }
      Sinks.EmitResult result =
          waiting > config.bufferSize()
              ? Sinks.EmitResult.FAIL_OVERFLOW
              : outbound.tryEmitNext(message);
      if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
        // the client reads too slowly: end it rather than buffer without bound
        close(
            GraphQLWsProtocol.SLOW_CONSUMER,
            "Slow consumer: more than " + config.bufferSize() + " messages waiting");
      }
    }
  }

  /** Closes the socket with a graphql-transport-ws close code, once. */
  void close(int code, String reason) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    release();
    out.sendClose(code, reason)
        .onErrorResume(e -> Mono.empty())
        .doFinally(
            s -> {
              synchronized (outbound) {
                outbound.tryEmitComplete();
              }
            })
        .subscribe();
  }

  /** Stops every operation and timer (the socket closed or is closing). */
  private void release() {
    timers.dispose();
    List<Disposable> running = new ArrayList<>(operations.values());
    operations.clear();
    running.forEach(Disposable::dispose);
    if (closed.get()) {
      return;
    }
    closed.set(true);
    synchronized (outbound) {
      outbound.tryEmitComplete();
    }
  }

  private static String message(String id, String type, String payloadJson) {
    StringBuilder b = new StringBuilder(64 + (payloadJson == null ? 0 : payloadJson.length()));
    b.append("{\"id\":").append(json(id)).append(",\"type\":\"").append(type).append('"');
    if (payloadJson != null) {
      b.append(",\"payload\":").append(payloadJson);
    }
    return b.append('}').toString();
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not serializable", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String text) {
    try {
      Object value = JSON.readValue(text, Object.class);
      return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
