package dev.junction.gateway.subscription;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/**
 * A graphql-transport-ws client on reactor-netty that reads as fast as the gateway writes and can
 * send a burst of {@code subscribe} messages: counts {@code next} and {@code error} messages of
 * burst ids ({@code s<n>}) and keeps every other message after the ack.
 */
final class FloodClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  final AtomicInteger nexts = new AtomicInteger();
  final AtomicInteger errors = new AtomicInteger();
  final AtomicInteger tooMany = new AtomicInteger();
  final AtomicInteger closeStatus = new AtomicInteger();
  final List<String> others = new CopyOnWriteArrayList<>();
  private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();
  private final Sinks.One<Boolean> acked = Sinks.one();
  private final Disposable connection;

  FloodClient(int port) throws Exception {
    connection =
        HttpClient.create()
            .websocket(WebsocketClientSpec.builder().protocols("graphql-transport-ws").build())
            .uri("ws://127.0.0.1:" + port + "/graphql")
            .handle(
                (in, out) -> {
                  in.receiveCloseStatus().subscribe(s -> closeStatus.set(s.code()));
                  Flux<Void> reading =
                      in.receive().asString().doOnNext(this::onMessage).thenMany(Flux.empty());
                  return Flux.merge(
                      out.sendString(
                              Flux.just("{\"type\":\"connection_init\"}")
                                  .concatWith(outgoing.asFlux()),
                              java.nio.charset.StandardCharsets.UTF_8)
                          .then(),
                      reading);
                })
            .subscribe();
    if (!Boolean.TRUE.equals(acked.asMono().block(Duration.ofSeconds(10)))) {
      throw new AssertionError("no connection_ack");
    }
  }

  @SuppressWarnings("unchecked")
  private void onMessage(String text) {
    Map<String, Object> m;
    try {
      m = JSON.readValue(text, Map.class);
    } catch (Exception e) {
      others.add(text);
      return;
    }
    Object type = m.get("type");
    Object id = m.get("id");
    if ("connection_ack".equals(type)) {
      acked.tryEmitValue(true);
    } else if ("ping".equals(type)) {
      send("{\"type\":\"pong\"}");
    } else if (id instanceof String s && s.startsWith("s") && "next".equals(type)) {
      nexts.incrementAndGet();
    } else if (id instanceof String s && s.startsWith("s") && "error".equals(type)) {
      errors.incrementAndGet();
      if (text.contains(WebSocketConnection.TOO_MANY_SUBSCRIPTIONS)) {
        tooMany.incrementAndGet();
      }
    } else {
      others.add(text);
    }
  }

  /** Queues {@code count} subscribes with ids from {@code s<first>}, sent at once. */
  void burst(int first, int count, String query) throws Exception {
    for (int i = first; i < first + count; i++) {
      send(
          JSON.writeValueAsString(
              Map.of("id", "s" + i, "type", "subscribe", "payload", Map.of("query", query))));
    }
  }

  void send(String text) {
    synchronized (outgoing) {
      Sinks.EmitResult r = outgoing.tryEmitNext(text);
      if (r.isFailure()) {
        throw new IllegalStateException("not sent: " + r);
      }
    }
  }

  @Override
  public void close() {
    connection.dispose();
  }
}
