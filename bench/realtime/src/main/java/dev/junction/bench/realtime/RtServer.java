package dev.junction.bench.realtime;

import com.apollographql.federation.graphqljava.Federation;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * The realtime bench's subgraphs in one Reactor Netty server on 127.0.0.1:
 *
 * <ul>
 *   <li>{@code ws /ticks}: graphql-transport-ws; {@code tick} subscriptions all get the server's
 *       ticks (one global sequence: every subscription gets event {@code seq} at the same moment,
 *       in subscription order), {@code idle} ones never get anything;
 *   <li>{@code POST /products}: {@code Query.product} and {@code Product} entities ({@code name}),
 *       answers memoized by request body;
 *   <li>{@code POST /slow}: {@code Product.detail} entities, answered after {@code --slow-ms};
 *   <li>{@code GET /rate?hz=N}: sets the tick rate (0 stops); {@code GET /stats}: open sockets and
 *       subscriptions, events sent, HTTP requests; {@code GET /health}.
 * </ul>
 */
final class RtServer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final int UPCS = 8;

  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, TickRenderer> renderers = new ConcurrentHashMap<>();
  private final Map<String, byte[]> memo = new ConcurrentHashMap<>();
  private final AtomicInteger sockets = new AtomicInteger();
  private final AtomicLong socketIds = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong httpRequests = new AtomicLong();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ticker"));
  private ScheduledFuture<?> ticking;
  private long seq;
  private final GraphQL products;
  private final GraphQL slow;
  private final Duration slowDelay;

  /** One client subscription: where its messages go and how its events are written. */
  private record Subscription(String id, Sinks.Many<String> out, TickRenderer renderer) {}

  private RtServer(Duration slowDelay) {
    this.slowDelay = slowDelay;
    this.products =
        engine(
            "products.graphql",
            RuntimeWiring.newRuntimeWiring()
                .type(
                    "Query", t -> t.dataFetcher("product", env -> product(env.getArgument("upc"))))
                .build(),
            rep -> product((String) rep.get("upc")));
    this.slow =
        engine(
            "slow.graphql",
            RuntimeWiring.newRuntimeWiring().build(),
            rep -> {
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("__typename", "Product");
              out.put("upc", rep.get("upc"));
              out.put("detail", "detail of " + rep.get("upc"));
              return out;
            });
  }

  static void run(Args args) throws InterruptedException {
    int port = args.integer("port", 14500);
    RtServer server = new RtServer(Duration.ofMillis(args.integer("slow-ms", 50)));
    server.setRate(args.integer("hz", 0));
    DisposableServer http =
        HttpServer.create()
            .host("127.0.0.1")
            .port(port)
            .route(
                routes ->
                    routes
                        .ws(
                            "/ticks",
                            server::socket,
                            WebsocketServerSpec.builder()
                                .protocols("graphql-transport-ws")
                                .maxFramePayloadLength(1 << 20)
                                .build())
                        .post(
                            "/products", (req, res) -> server.graphql(req, res, server.products, 0))
                        .post(
                            "/slow",
                            (req, res) ->
                                server.graphql(req, res, server.slow, server.slowDelay.toMillis()))
                        .get("/rate", server::rate)
                        .get("/stats", server::stats)
                        .get(
                            "/health",
                            (req, res) -> res.sendString(Mono.just("{\"status\":\"UP\"}"))))
            .bindNow();
    System.out.println("bench-realtime server listening on http://127.0.0.1:" + port);
    new java.util.concurrent.CountDownLatch(1).await(); // until the process is stopped
  }

  // --- graphql-transport-ws ---------------------------------------------------------------------

  private org.reactivestreams.Publisher<Void> socket(WebsocketInbound in, WebsocketOutbound out) {
    String socket = Long.toString(socketIds.incrementAndGet());
    Sinks.Many<String> sink = Sinks.many().unicast().onBackpressureBuffer();
    sockets.incrementAndGet();
    in.receive()
        .asString()
        .doOnNext(text -> onMessage(socket, sink, text))
        .doFinally(
            signal -> {
              sockets.decrementAndGet();
              subscriptions.keySet().removeIf(key -> key.startsWith(socket + "/"));
              sink.tryEmitComplete();
            })
        .subscribe();
    return out.sendString(sink.asFlux(), StandardCharsets.UTF_8).then();
  }

  private void onMessage(String socket, Sinks.Many<String> sink, String text) {
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (IOException e) {
      return;
    }
    String id = message.path("id").asText();
    switch (message.path("type").asText()) {
      case "connection_init" -> emit(sink, "{\"type\":\"connection_ack\"}");
      case "ping" -> emit(sink, "{\"type\":\"pong\"}");
      case "subscribe" -> {
        String query = message.path("payload").path("query").asText();
        TickRenderer renderer = renderers.computeIfAbsent(query, TickRenderer::new);
        if ("tick".equals(renderer.rootName())) {
          subscriptions.put(socket + "/" + id, new Subscription(id, sink, renderer));
        } else if ("idle".equals(renderer.rootName())) {
          subscriptions.put(socket + "/" + id, new Subscription(id, sink, null));
        } else {
          emit(
              sink,
              "{\"type\":\"error\",\"id\":"
                  + JSON.valueToTree(id)
                  + ",\"payload\":[{\"message\":\"unknown field\"}]}");
        }
      }
      case "complete" -> subscriptions.remove(socket + "/" + id);
      default -> {}
    }
  }

  private static void emit(Sinks.Many<String> sink, String text) {
    sink.emitNext(text, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
  }

  private synchronized void setRate(int hz) {
    if (ticking != null) {
      ticking.cancel(false);
      ticking = null;
    }
    if (hz > 0) {
      ticking =
          ticker.scheduleAtFixedRate(this::tick, 0, 1_000_000_000L / hz, TimeUnit.NANOSECONDS);
    }
  }

  private void tick() {
    long n = ++seq;
    Instant now = Instant.now();
    long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    String upc = "p" + (n % UPCS);
    for (Subscription s : subscriptions.values()) {
      if (s.renderer() == null) {
        continue;
      }
      emit(
          s.out(),
          "{\"id\":\""
              + s.id()
              + "\",\"type\":\"next\",\"payload\":"
              + s.renderer().payload(n, micros, upc)
              + "}");
      sent.incrementAndGet();
    }
  }

  // --- HTTP -------------------------------------------------------------------------------------

  private org.reactivestreams.Publisher<Void> rate(HttpServerRequest req, HttpServerResponse res) {
    String hz = req.param("hz");
    if (hz == null) {
      String uri = req.uri();
      int at = uri.indexOf("hz=");
      hz = at < 0 ? "0" : uri.substring(at + 3);
    }
    setRate(Integer.parseInt(hz));
    return res.sendString(Mono.just("{\"hz\":" + hz + "}"));
  }

  private org.reactivestreams.Publisher<Void> stats(HttpServerRequest req, HttpServerResponse res) {
    long tickSubs = subscriptions.values().stream().filter(s -> s.renderer() != null).count();
    String body =
        "{\"sockets\":"
            + sockets.get()
            + ",\"subscriptions\":"
            + subscriptions.size()
            + ",\"tick_subscriptions\":"
            + tickSubs
            + ",\"events_sent\":"
            + sent.get()
            + ",\"http_requests\":"
            + httpRequests.get()
            + ",\"seq\":"
            + seq
            + "}";
    return res.header("content-type", "application/json").sendString(Mono.just(body));
  }

  private org.reactivestreams.Publisher<Void> graphql(
      HttpServerRequest req, HttpServerResponse res, GraphQL engine, long delayMs) {
    httpRequests.incrementAndGet();
    Mono<byte[]> answer =
        req.receive().aggregate().asByteArray().map(body -> answer(engine, body, delayMs == 0));
    if (delayMs > 0) {
      answer = answer.delayElement(Duration.ofMillis(delayMs));
    }
    return res.header("content-type", "application/json").sendByteArray(answer);
  }

  private byte[] answer(GraphQL engine, byte[] body, boolean memoize) {
    String key = memoize ? new String(body, StandardCharsets.UTF_8) : null;
    byte[] known = key == null ? null : memo.get(key);
    if (known != null) {
      return known;
    }
    try {
      Map<String, Object> request = JSON.readValue(body, MAP);
      @SuppressWarnings("unchecked")
      Map<String, Object> variables =
          request.get("variables") instanceof Map<?, ?> v ? (Map<String, Object>) v : Map.of();
      var result =
          engine.execute(
              ExecutionInput.newExecutionInput()
                  .query((String) request.get("query"))
                  .operationName((String) request.get("operationName"))
                  .variables(variables)
                  .build());
      byte[] out = JSON.writeValueAsBytes(result.toSpecification());
      if (key != null && result.getErrors().isEmpty() && memo.size() < 10_000) {
        memo.put(key, out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> product(String upc) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("__typename", "Product");
    out.put("upc", upc);
    out.put("name", "Product " + upc);
    return out;
  }

  private static GraphQL engine(
      String sdl, RuntimeWiring wiring, Function<Map<String, Object>, Map<String, Object>> entity) {
    DataFetcher<List<Map<String, Object>>> entities =
        env -> {
          List<Map<String, Object>> reps = env.getArgument("representations");
          List<Map<String, Object>> out = new ArrayList<>(reps.size());
          for (Map<String, Object> rep : reps) {
            out.add(entity.apply(rep));
          }
          return out;
        };
    return GraphQL.newGraphQL(
            Federation.transform(resource(sdl), wiring)
                .fetchEntities(entities)
                .resolveEntityType(
                    env ->
                        env.getSchema()
                            .getObjectType(
                                (String) ((Map<?, ?>) env.getObject()).get("__typename")))
                .build())
        .build();
  }

  private static String resource(String name) {
    try (InputStream in = RtServer.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
