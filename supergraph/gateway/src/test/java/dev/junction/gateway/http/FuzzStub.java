package dev.junction.gateway.http;

import com.sun.net.httpserver.HttpServer;
import dev.junction.gateway.GatewayOptions;
import dev.junction.planner.supergraph.JoinModel.Graph;
import dev.junction.planner.supergraph.Supergraph;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

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

  private final HttpServer server;
  private volatile Mode mode = Mode.OK;
  final AtomicInteger calls = new AtomicInteger();

  private FuzzStub(HttpServer server) {
    this.server = server;
  }

  static FuzzStub start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    FuzzStub stub = new FuzzStub(server);
    server.createContext(
        "/",
        exchange -> {
          stub.calls.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          Mode m = stub.mode;
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
          exchange.getResponseHeaders().add("content-type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
          if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
          }
          exchange.close();
        });
    server.start();
    return stub;
  }

  void mode(Mode mode) {
    this.mode = mode;
  }

  /** Routes every subgraph of {@code supergraphSdl} to this stub. */
  GatewayOptions.Builder routeAll(String supergraphSdl, GatewayOptions.Builder options) {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/graphql";
    for (Graph g : Supergraph.parse(supergraphSdl).graphs().values()) {
      options.subgraphUrl(g.name(), url);
    }
    return options;
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
