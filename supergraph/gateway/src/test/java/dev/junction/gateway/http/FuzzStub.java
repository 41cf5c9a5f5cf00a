package dev.junction.gateway.http;

import dev.junction.gateway.GatewayOptions;
import dev.junction.planner.supergraph.JoinModel.Graph;
import dev.junction.planner.supergraph.Supergraph;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A stub subgraph for the fuzz test that answers in the {@link Mode} it was last told: a plausible
 * body, or one of several failures whose text a gateway must not pass on (stack traces, SQL, Java
 * class names).
 */
final class FuzzStub implements AutoCloseable {
  /** How the stub answers. Every mode but {@link #OK} is a subgraph failure. */
  enum Mode {
    OK,
    HTTP_500_STACK_TRACE,
    HTTP_503,
    NOT_JSON,
    EMPTY_BODY,
    ERRORS_LEAKING_INTERNALS,
    JUNK_DATA
  }

  static final String LEAK =
      "java.lang.IllegalStateException: SELECT * FROM customers WHERE id = 1\n"
          + "\tat com.acme.Repo.find(Repo.java:42)\n\tat org.postgresql.jdbc.PgStatement";

  private static final String OK_BODY =
      "{\"data\":{\"product\":{\"__typename\":\"Product\",\"id\":\"prod-001\",\"name\":\"Lamp\"},"
          + "\"products\":{\"edges\":[]},\"warehouses\":[],\"customer\":null,\"order\":null,"
          + "\"_entities\":[{\"__typename\":\"Product\",\"id\":\"prod-001\"}]}}";

  private final DisposableServer server;
  private volatile Mode mode = Mode.OK;
  final AtomicInteger calls = new AtomicInteger();

  private FuzzStub(DisposableServer server) {
    this.server = server;
  }

  static FuzzStub start() {
    FuzzStub[] self = new FuzzStub[1];
    DisposableServer server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(
                (request, response) ->
                    request.receive().then().then(Mono.defer(() -> self[0].answer(response))))
            .bindNow(Duration.ofSeconds(10));
    self[0] = new FuzzStub(server);
    return self[0];
  }

  private Mono<Void> answer(HttpServerResponse response) {
    calls.incrementAndGet();
    Mode m = mode;
    int status =
        switch (m) {
          case HTTP_500_STACK_TRACE -> 500;
          case HTTP_503 -> 503;
          default -> 200;
        };
    String body =
        switch (m) {
          case OK -> OK_BODY;
          case HTTP_500_STACK_TRACE -> LEAK;
          case HTTP_503 -> "<html>Service Unavailable</html>";
          case NOT_JSON -> "Exception in thread main " + LEAK;
          case EMPTY_BODY -> "";
          case ERRORS_LEAKING_INTERNALS ->
              "{\"data\":null,\"errors\":[{\"message\":"
                  + FuzzJson.string(LEAK)
                  + ",\"extensions\":{\"exception\":{\"stacktrace\":[\"at com.acme.Repo\"]}}}]}";
          case JUNK_DATA ->
              "{\"data\":{\"product\":[1,{\"name\":{\"deep\":[]}}],\"_entities\":[null,5,\"x\",{}],"
                  + "\"products\":\"NullPointerException\"},\"errors\":\"java.sql.SQLException\"}";
        };
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return response
        .status(status)
        .header("content-type", "application/json")
        .header("content-length", Integer.toString(bytes.length))
        .sendByteArray(Mono.just(bytes))
        .then();
  }

  void mode(Mode mode) {
    this.mode = mode;
  }

  /** Routes every subgraph of {@code supergraphSdl} to this stub. */
  GatewayOptions.Builder routeAll(String supergraphSdl, GatewayOptions.Builder options) {
    String url = "http://127.0.0.1:" + server.port() + "/graphql";
    for (Graph g : Supergraph.parse(supergraphSdl).graphs().values()) {
      options.subgraphUrl(g.name(), url);
    }
    return options;
  }

  @Override
  public void close() {
    server.disposeNow(Duration.ofSeconds(2));
  }
}
