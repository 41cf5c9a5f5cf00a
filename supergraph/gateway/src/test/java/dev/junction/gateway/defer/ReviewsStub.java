package dev.junction.gateway.defer;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * An HTTP subgraph (port 0) for any of the reviews supergraph's subgraphs: two reviews ({@code 1},
 * {@code 2}) at the root, entities for any representation; {@code delay} holds every answer back,
 * {@code failing} answers 500.
 */
final class ReviewsStub implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  final AtomicInteger calls = new AtomicInteger();
  volatile Duration delay = Duration.ZERO;
  volatile boolean failing;
  private final DisposableServer server;

  ReviewsStub() {
    server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(
                (req, res) ->
                    req.receive()
                        .aggregate()
                        .asString()
                        .delayUntil(b -> Mono.delay(delay))
                        .flatMap(
                            body ->
                                failing
                                    ? res.status(500).sendString(Mono.just("down")).then()
                                    : res.header("content-type", "application/json")
                                        .sendString(Mono.just(answer(body)))
                                        .then()))
            .bindNow(Duration.ofSeconds(10));
  }

  String url() {
    return "http://127.0.0.1:" + server.port() + "/graphql";
  }

  private static Map<String, Object> review(Object id) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("__typename", "Review");
    r.put("id", id);
    r.put("body", "Body-" + id);
    r.put("product", Map.of("__typename", "Product", "upc", "u" + id));
    r.put("author", Map.of("__typename", "User", "id", "a" + id));
    return r;
  }

  @SuppressWarnings("unchecked")
  private String answer(String body) {
    calls.incrementAndGet();
    try {
      Map<String, Object> request = JSON.readValue(body, Map.class);
      Map<String, Object> variables = (Map<String, Object>) request.get("variables");
      if (variables == null || !(variables.get("representations") instanceof List<?> reps)) {
        return JSON.writeValueAsString(
            Map.of(
                "data",
                Map.of(
                    "topReviews", List.of(review("1"), review("2")),
                    "review", review("1"),
                    "product", Map.of("__typename", "Product", "upc", "u1", "name", "Name-u1"))));
      }
      List<Object> entities = new ArrayList<>();
      for (Object o : reps) {
        Map<String, Object> rep = (Map<String, Object>) o;
        Object type = rep.get("__typename");
        Map<String, Object> entity;
        if ("Review".equals(type)) {
          entity = review(rep.get("id"));
        } else if ("Product".equals(type)) {
          entity = new LinkedHashMap<>(Map.of("__typename", type, "upc", rep.get("upc")));
          entity.put("name", "Name-" + rep.get("upc"));
          entity.put("price", 7);
        } else {
          entity = new LinkedHashMap<>(Map.of("__typename", type, "id", rep.get("id")));
          entity.put("name", "User-" + rep.get("id"));
        }
        entities.add(entity);
      }
      return JSON.writeValueAsString(Map.of("data", Map.of("_entities", entities)));
    } catch (Exception e) {
      return "{\"errors\":[{\"message\":\"stub: " + e.getMessage() + "\"}]}";
    }
  }

  @Override
  public void close() {
    server.disposeNow();
  }
}
