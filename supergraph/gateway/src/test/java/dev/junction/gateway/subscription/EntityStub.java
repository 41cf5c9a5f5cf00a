package dev.junction.gateway.subscription;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * An HTTP subgraph (port 0) for products and accounts: {@code _entities} gives a {@code Product}
 * the name {@code Name-<upc>} and price 7, a {@code User} the name {@code User-<id>}; any other
 * query gets {@code product: {name: "Lamp"}}.
 */
final class EntityStub implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  final AtomicInteger calls = new AtomicInteger();
  private final DisposableServer server;

  EntityStub() {
    server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(
                (req, res) ->
                    res.header("content-type", "application/json")
                        .sendString(req.receive().aggregate().asString().map(this::answer)))
            .bindNow(Duration.ofSeconds(10));
  }

  String url() {
    return "http://127.0.0.1:" + server.port() + "/graphql";
  }

  @SuppressWarnings("unchecked")
  private String answer(String body) {
    calls.incrementAndGet();
    try {
      Map<String, Object> request = JSON.readValue(body, Map.class);
      Map<String, Object> variables = (Map<String, Object>) request.get("variables");
      if (variables == null || !(variables.get("representations") instanceof List<?> reps)) {
        return "{\"data\":{\"product\":{\"name\":\"Lamp\"}}}";
      }
      List<Object> entities = new ArrayList<>();
      for (Object o : reps) {
        Map<String, Object> rep = (Map<String, Object>) o;
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("__typename", rep.get("__typename"));
        if ("Product".equals(rep.get("__typename"))) {
          entity.put("name", "Name-" + rep.get("upc"));
          entity.put("price", 7);
        } else {
          entity.put("name", "User-" + rep.get("id"));
        }
        entities.add(entity);
      }
      return JSON.writeValueAsString(Map.of("data", Map.of("_entities", entities)));
    } catch (Exception e) {
      return "{\"errors\":[{\"message\":\"bad request\"}]}";
    }
  }

  @Override
  public void close() {
    server.disposeNow(Duration.ofSeconds(2));
  }
}
