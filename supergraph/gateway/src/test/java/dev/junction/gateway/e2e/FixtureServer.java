package dev.junction.gateway.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Serves a {@link FixtureSubgraph} over real HTTP on a random localhost port and records every
 * request into a {@link RequestLog}.
 *
 * <p>The fixture's {@code http} section makes the subgraph misbehave: {@code "refuse": true} (no
 * server: the URL points at a closed port), {@code "status": 500} (that status with {@code body} or
 * a small JSON body), {@code "body"} alone (status 200 with that raw body: a string is sent as-is,
 * e.g. invalid JSON, anything else as JSON), {@code "delayMs"} (wait before answering, at most 10
 * s), and {@code "whenQueryContains": "_entities"} (misbehave only for requests whose query
 * contains that text).
 */
final class FixtureServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_DELAY_MS = 10_000;

  private final FixtureSubgraph subgraph;
  private final RequestLog log;
  private final HttpServer server;
  private final ExecutorService executor;
  private final String url;

  private FixtureServer(FixtureSubgraph subgraph, RequestLog log) throws IOException {
    this.subgraph = subgraph;
    this.log = log;
    if (Boolean.TRUE.equals(subgraph.http().get("refuse"))) {
      this.server = null;
      this.executor = null;
      this.url = "http://127.0.0.1:" + closedPort() + "/graphql";
      return;
    }
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext("/graphql", this::handle);
    server.start();
    this.url = "http://127.0.0.1:" + server.getAddress().getPort() + "/graphql";
  }

  static FixtureServer start(FixtureSubgraph subgraph, RequestLog log) throws IOException {
    return new FixtureServer(subgraph, log);
  }

  String url() {
    return url;
  }

  FixtureSubgraph subgraph() {
    return subgraph;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @SuppressWarnings("unchecked")
  private void handle(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, Object> request;
      try {
        request = JSON.readValue(body, Map.class);
      } catch (IOException e) {
        respond(exchange, 400, "{\"errors\":[{\"message\":\"fixture: request is not JSON\"}]}");
        return;
      }
      String query = (String) request.get("query");
      Map<String, Object> variables =
          request.get("variables") instanceof Map<?, ?> v
              ? (Map<String, Object>) v
              : new LinkedHashMap<>();
      String operationName = (String) request.get("operationName");
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      RequestLog.Entry entry =
          log.arrived(subgraph.name(), query, variables, operationName, headers, arrived);
      answer(query, variables, operationName, exchange, entry);
    }
  }

  private void answer(
      String query,
      Map<String, Object> variables,
      String operationName,
      HttpExchange exchange,
      RequestLog.Entry entry)
      throws IOException {
    Map<String, Object> http = subgraph.http();
    boolean misbehave =
        !(http.get("whenQueryContains") instanceof String needle)
            || (query != null && query.contains(needle));
    if (misbehave && http.get("delayMs") instanceof Number delay) {
      try {
        Thread.sleep(Math.min(delay.longValue(), MAX_DELAY_MS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String response;
    int status = 200;
    if (misbehave && http.get("status") instanceof Number s) {
      status = s.intValue();
      response = rawBody(http.getOrDefault("body", Map.of("message", "fixture: HTTP " + status)));
    } else if (misbehave && http.containsKey("body")) {
      response = rawBody(http.get("body"));
    } else {
      response = JSON.writeValueAsString(subgraph.execute(query, variables, operationName));
    }
    // Marked before the first byte is written: the client may send its next request as soon as
    // it has read this response.
    log.completed(entry, response);
    respond(exchange, status, response);
  }

  private static String rawBody(Object body) throws IOException {
    return body instanceof String s ? s : JSON.writeValueAsString(body);
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
