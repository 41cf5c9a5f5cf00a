package dev.junction.bench.subgraphs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * Benchmark servers on 127.0.0.1 (JDK HTTP server, no framework):
 *
 * <pre>
 * java -jar bench-servers.jar subgraphs --data data.json [--port 14200] [--no-memo]  # /accounts /inventory /products /reviews
 * java -jar bench-servers.jar monolith  --data data.json --port N         # /graphql, whole API, no gateway
 * java -jar bench-servers.jar static    --file expected-response.json --port N  # any POST: the file
 * </pre>
 *
 * The subgraphs memoize their answers by request body (the data never changes), so that repeated
 * gateway fetches cost the load core only HTTP, not GraphQL execution; {@code --no-memo} executes
 * every request. The monolith always executes.
 *
 * <p>Every server answers {@code GET /health} with 200; the subgraphs server also {@code GET
 * /stats} (requests served per subgraph). Bad requests get HTTP 400 with a GraphQL error carrying
 * {@code extensions.code}.
 */
public final class BenchServer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private BenchServer() {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    // without it the JDK server's small writes meet delayed ACKs (40 ms stalls)
    System.setProperty("sun.net.httpserver.nodelay", "true");
    // the JDK server keeps at most 200 idle keep-alive connections and drops them after 30 s by
    // default: gateways with large pools then see connections closed under them
    System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
    System.setProperty("sun.net.httpserver.idleInterval", "3600");
    if (args.length == 0) {
      usage("missing mode");
    }
    String mode = args[0];
    int port = 14200;
    Path data = null;
    Path file = null;
    int threads = Integer.getInteger("bench.threads", 8);
    boolean memoize = true;
    for (int i = 1; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(require(value, "--port"));
        case "--data" -> data = Path.of(require(value, "--data"));
        case "--file" -> file = Path.of(require(value, "--file"));
        case "--threads" -> threads = Integer.parseInt(require(value, "--threads"));
        case "--no-memo" -> {
          memoize = false;
          i--; // takes no value
        }
        default -> usage("unknown argument " + args[i]);
      }
      i++;
    }
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    switch (mode) {
      case "subgraphs" -> {
        Map<String, GraphQL> engines =
            new Schemas(BenchData.load(require(data, "--data"))).subgraphs();
        Map<String, LongAdder> counts = new TreeMap<>();
        boolean memo = memoize;
        engines.forEach(
            (name, engine) -> {
              LongAdder count = new LongAdder();
              counts.put(name, count);
              server.createContext(
                  "/" + name, counted(count, graphql(engine, memo ? new Memo() : null)));
            });
        // requests served per subgraph: run.sh derives subgraph calls per gateway request
        server.createContext(
            "/stats",
            exchange -> {
              try (exchange) {
                Map<String, Long> out = new TreeMap<>();
                counts.forEach((name, count) -> out.put(name, count.sum()));
                send(exchange, 200, JSON.writeValueAsBytes(out));
              }
            });
      }
      case "monolith" -> {
        GraphQL engine = new Schemas(BenchData.load(require(data, "--data"))).monolith();
        server.createContext("/graphql", graphql(engine, null));
      }
      case "static" -> {
        byte[] body = Files.readAllBytes(require(file, "--file"));
        server.createContext("/graphql", exchange -> staticResponse(exchange, body));
      }
      default -> usage("unknown mode " + mode);
    }
    server.createContext(
        "/health", exchange -> send(exchange, 200, "{\"status\":\"UP\"}".getBytes()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    server.setExecutor(pool);
    server.start();
    System.out.println("bench-servers " + mode + " listening on http://127.0.0.1:" + port);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop(0);
                  pool.shutdownNow();
                }));
  }

  private static HttpHandler counted(LongAdder count, HttpHandler handler) {
    return exchange -> {
      count.increment();
      handler.handle(exchange);
    };
  }

  private static HttpHandler graphql(GraphQL engine, Memo memo) {
    return exchange -> {
      try (exchange) {
        if (!"POST".equals(exchange.getRequestMethod())) {
          send(exchange, 405, error("use POST", "METHOD_NOT_ALLOWED"));
          return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
          body = in.readAllBytes();
        }
        String key = memo == null ? null : new String(body, StandardCharsets.UTF_8);
        byte[] known = key == null ? null : memo.get(key);
        if (known != null) {
          send(exchange, 200, known);
          return;
        }
        Map<String, Object> request;
        try {
          request = JSON.readValue(body, MAP);
        } catch (IOException e) {
          send(exchange, 400, error("invalid JSON body", "BAD_REQUEST"));
          return;
        }
        if (!(request.get("query") instanceof String query)) {
          send(exchange, 400, error("missing query", "BAD_REQUEST"));
          return;
        }
        ExecutionResult result = execute(engine, query, request);
        byte[] response = JSON.writeValueAsBytes(result.toSpecification());
        if (key != null && result.getErrors().isEmpty()) {
          memo.put(key, response);
        }
        send(exchange, 200, response);
      } catch (RuntimeException e) {
        send(exchange, 500, error("internal error", "INTERNAL_SERVER_ERROR"));
      }
    };
  }

  /** Executes a GraphQL request ({@code query}, optional {@code variables}, operation name). */
  static ExecutionResult execute(GraphQL engine, String query, Map<String, Object> request) {
    @SuppressWarnings("unchecked")
    Map<String, Object> variables =
        request.get("variables") instanceof Map<?, ?> v ? (Map<String, Object>) v : Map.of();
    return engine.execute(
        ExecutionInput.newExecutionInput()
            .query(query)
            .operationName((String) request.get("operationName"))
            .variables(variables)
            .build());
  }

  private static void staticResponse(HttpExchange exchange, byte[] body) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
      send(exchange, 200, body);
    }
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] error(String message, String code) throws IOException {
    return JSON.writeValueAsBytes(
        Map.of("errors", List.of(Map.of("message", message, "extensions", Map.of("code", code)))));
  }

  private static <T> T require(T value, String name) {
    if (value == null) {
      usage("missing value for " + name);
    }
    return value;
  }

  private static void usage(String problem) {
    System.err.println("bench-servers: " + problem);
    System.err.println(
        "usage: bench-servers (subgraphs|monolith) --data data.json [--port N] [--threads N]\n"
            + "       bench-servers static --file response.json --port N");
    System.exit(2);
  }
}
