package dev.junction.gateway.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.junction.gateway.GatewayOptions;
import dev.junction.planner.supergraph.JoinModel.Graph;
import dev.junction.planner.supergraph.Supergraph;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One stub subgraph over real HTTP for every subgraph of a supergraph: it answers each request with
 * the same JSON body and tells {@code onCall} about each request first (to count calls or record
 * headers).
 */
final class StubSubgraph implements AutoCloseable {
  private final HttpServer server;

  private StubSubgraph(HttpServer server) {
    this.server = server;
  }

  static StubSubgraph start(String body, Consumer<HttpExchange> onCall) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          onCall.accept(exchange);
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("content-type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return new StubSubgraph(server);
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
  }
}
