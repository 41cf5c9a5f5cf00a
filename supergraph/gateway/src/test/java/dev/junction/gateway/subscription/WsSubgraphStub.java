package dev.junction.gateway.subscription;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * A subgraph speaking graphql-transport-ws on {@code /graphql} (port 0): refuses an upgrade without
 * the caller credential header (401), acknowledges {@code connection_init}, and answers each {@code
 * subscribe} with {@link #events} scripted {@code reviewAdded} events every {@link #interval}, then
 * {@code complete} unless {@link #hang} (then it stays open). Counts open sockets.
 */
final class WsSubgraphStub implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final AtomicInteger open = new AtomicInteger();
  final AtomicInteger accepted = new AtomicInteger();
  final List<Map<String, String>> upgradeHeaders = new CopyOnWriteArrayList<>();
  final List<Object> initPayloads = new CopyOnWriteArrayList<>();
  final List<Object> subscribePayloads = new CopyOnWriteArrayList<>();
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final String requiredHeader;
  volatile int events = 3;
  volatile Duration interval = Duration.ofMillis(30);
  volatile boolean hang;

  /** Refuses upgrades with 503 (a subgraph that is down). */
  volatile boolean refuse;

  volatile int padding;
  private final DisposableServer server;

  WsSubgraphStub(String requiredHeader) {
    this.requiredHeader = requiredHeader;
    this.server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(
                (req, res) -> {
                  if (refuse) {
                    return res.status(503).send();
                  }
                  if (requiredHeader != null && !req.requestHeaders().contains(requiredHeader)) {
                    return res.status(401).send();
                  }
                  Map<String, String> headers = new ConcurrentHashMap<>();
                  req.requestHeaders()
                      .forEach(e -> headers.put(e.getKey().toLowerCase(), e.getValue()));
                  upgradeHeaders.add(headers);
                  return res.sendWebsocket(
                      (in, out) -> {
                        accepted.incrementAndGet();
                        open.incrementAndGet();
                        in.withConnection(
                            c -> {
                              connections.add(c);
                              c.onDispose(
                                  () -> {
                                    connections.remove(c);
                                    open.decrementAndGet();
                                  });
                            });
                        return out.sendString(
                                in.receive()
                                    .asString()
                                    .flatMap(this::answer)
                                    .mergeWith(Flux.never()))
                            .then();
                      },
                      WebsocketServerSpec.builder().protocols("graphql-transport-ws").build());
                })
            .bindNow(Duration.ofSeconds(10));
  }

  int port() {
    return server.port();
  }

  String url() {
    return "http://127.0.0.1:" + port() + "/graphql";
  }

  /** Drops every socket at the TCP level (no close frame, no complete). */
  void killAll() {
    connections.forEach(c -> c.channel().close());
  }

  @SuppressWarnings("unchecked")
  private Flux<String> answer(String text) {
    Map<String, Object> message;
    try {
      message = JSON.readValue(text, Map.class);
    } catch (Exception e) {
      return Flux.error(e);
    }
    String type = String.valueOf(message.get("type"));
    switch (type) {
      case "connection_init" -> {
        initPayloads.add(message.get("payload"));
        return Flux.just("{\"type\":\"connection_ack\"}");
      }
      case "ping" -> {
        return Flux.just("{\"type\":\"pong\"}");
      }
      case "subscribe" -> {
        subscribePayloads.add(message.get("payload"));
        String id = (String) message.get("id");
        Flux<String> nexts =
            Flux.interval(interval).take(events).map(i -> next(id, i.intValue() + 1, padding));
        return hang
            ? nexts.concatWith(Mono.never())
            : nexts.concatWith(Mono.just("{\"id\":\"" + id + "\",\"type\":\"complete\"}"));
      }
      default -> {
        return Flux.empty();
      }
    }
  }

  private static String next(String id, int i, int padding) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"next\",\"payload\":{\"data\":{\"reviewAdded\":{\"id\":\"r"
        + i
        + "\",\"body\":\"body "
        + i
        + " ".repeat(padding)
        + "\",\"product\":{\"__typename\":\"Product\",\"upc\":\"p"
        + i
        + "\"},\"author\":{\"__typename\":\"User\",\"id\":\"u"
        + i
        + "\"}}}}}";
  }

  @Override
  public void close() {
    server.disposeNow(Duration.ofSeconds(2));
  }
}
