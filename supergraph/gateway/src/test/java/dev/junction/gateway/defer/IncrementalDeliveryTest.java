package dev.junction.gateway.defer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.gateway.Gateway;
import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.Identity;
import dev.junction.gateway.config.CorsConfig;
import dev.junction.gateway.config.CsrfConfig;
import dev.junction.gateway.config.RateLimitConfig;
import dev.junction.gateway.config.ServerConfig;
import dev.junction.gateway.http.GatewayHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @defer} over HTTP through the real gateway and real HTTP subgraph stubs: multipart
 * incremental delivery, the primary part before a slow subgraph answers, errors confined to their
 * part, inlined delivery when the client does not accept multipart or {@code if} is false.
 */
class IncrementalDeliveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MULTIPART = "multipart/mixed;deferSpec=20220824, application/json";

  private final ReviewsStub reviews = new ReviewsStub();
  private final ReviewsStub products = new ReviewsStub();
  private final ReviewsStub accounts = new ReviewsStub();
  private Gateway gateway;
  private GatewayHttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    String sdl =
        Files.readString(Path.of("../planner/src/test/resources/cases/_shared/reviews.graphql"));
    gateway =
        Gateway.create(
            sdl,
            GatewayOptions.builder()
                .subgraphUrl("reviews", reviews.url())
                .subgraphUrl("products", products.url())
                .subgraphUrl("accounts", accounts.url())
                .build());
    server =
        new GatewayHttpServer(
                gateway,
                new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_REQUEST_BYTES, false),
                CorsConfig.disabled(),
                0,
                null,
                CsrfConfig.defaults(),
                RateLimitConfig.disabled(),
                headers -> Identity.ANONYMOUS)
            .start();
  }

  @AfterEach
  void stop() {
    server.shutdown(Duration.ofMillis(200));
    gateway.close();
    reviews.close();
    products.close();
    accounts.close();
  }

  /** A streamed response: its content type, its JSON payloads, when the first and last came. */
  private record Streamed(
      String contentType, List<Map<String, Object>> parts, long firstMs, long lastMs) {}

  @SuppressWarnings("unchecked")
  private Streamed post(String query, Map<String, Object> variables, String accept)
      throws Exception {
    String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/graphql"))
            .header("content-type", "application/json")
            .header("accept", accept)
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    long start = System.nanoTime();
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    long first = -1;
    try (InputStream in = response.body()) {
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) > 0; ) {
        all.write(buf, 0, n);
        if (first < 0 && all.toString(StandardCharsets.UTF_8).contains("}")) {
          first = (System.nanoTime() - start) / 1_000_000;
        }
      }
    }
    long last = (System.nanoTime() - start) / 1_000_000;
    String type = response.headers().firstValue("content-type").orElse("");
    String text = all.toString(StandardCharsets.UTF_8);
    List<Map<String, Object>> parts = new ArrayList<>();
    if (type.startsWith("multipart/mixed")) {
      assertTrue(text.endsWith("\r\n--graphql--\r\n"), text);
      for (String chunk : text.split("\r\n--graphql")) {
        int at = chunk.indexOf("\r\n\r\n");
        if (at >= 0) {
          parts.add(JSON.readValue(chunk.substring(at + 4), Map.class));
        }
      }
    } else {
      parts.add(JSON.readValue(text, Map.class));
    }
    return new Streamed(type, parts, first, last);
  }

  @SuppressWarnings("unchecked")
  private static <T> T at(Object root, Object... path) {
    Object o = root;
    for (Object p : path) {
      o = p instanceof Integer i ? ((List<Object>) o).get(i) : ((Map<String, Object>) o).get(p);
    }
    return (T) o;
  }

  @Test
  void theDeferredEntityFieldsArriveAfterThePrimaryPartPerListItem() throws Exception {
    products.delay = Duration.ofMillis(1500);
    Streamed r =
        post(
            "{ topReviews { id ... @defer(label: \"product\") { product { name } } } }",
            Map.of(),
            MULTIPART);
    assertTrue(r.contentType().startsWith("multipart/mixed"), r.contentType());
    assertTrue(r.contentType().contains("deferSpec=20220824"), r.contentType());
    Map<String, Object> primary = r.parts().get(0);
    assertEquals(Boolean.TRUE, primary.get("hasNext"));
    assertEquals(
        List.of(Map.of("id", "1"), Map.of("id", "2")),
        at(primary, "data", "topReviews"),
        "primary");
    assertNull(primary.get("errors"));
    List<Map<String, Object>> incremental = new ArrayList<>();
    for (Map<String, Object> p : r.parts().subList(1, r.parts().size())) {
      incremental.addAll(
          (List<Map<String, Object>>) (List<?>) p.getOrDefault("incremental", List.of()));
    }
    assertEquals(2, incremental.size(), r.parts().toString());
    assertEquals(List.of("topReviews", 0), incremental.get(0).get("path"));
    assertEquals(List.of("topReviews", 1), incremental.get(1).get("path"));
    assertEquals("product", incremental.get(0).get("label"));
    assertEquals(Map.of("product", Map.of("name", "Name-u1")), incremental.get(0).get("data"));
    assertEquals(Map.of("product", Map.of("name", "Name-u2")), incremental.get(1).get("data"));
    assertEquals(Boolean.FALSE, r.parts().get(r.parts().size() - 1).get("hasNext"));
    // the primary part did not wait for the slow subgraph; the whole response did
    assertTrue(r.firstMs() < 1200, "first part after " + r.firstMs() + " ms");
    assertTrue(r.lastMs() >= 1500, "last part after " + r.lastMs() + " ms");
  }

  @Test
  void aFailingSubgraphInADeferredPartLeavesThePrimaryPartWhole() throws Exception {
    products.failing = true;
    Streamed r =
        post("{ review(id: \"1\") { body ... @defer { product { name } } } }", Map.of(), MULTIPART);
    Map<String, Object> primary = r.parts().get(0);
    assertEquals(Map.of("review", Map.of("body", "Body-1")), primary.get("data"));
    assertNull(primary.get("errors"), "the primary part has no errors: " + primary);
    Map<String, Object> last = r.parts().get(r.parts().size() - 1);
    assertEquals(Boolean.FALSE, last.get("hasNext"));
    Map<String, Object> entry = at(last, "incremental", 0);
    assertEquals(List.of("review"), entry.get("path"));
    // product is non-null, so the null of its name nulls the fragment: data null, with the error
    assertTrue(entry.containsKey("data"));
    assertNull(entry.get("data"), entry.toString());
    List<Map<String, Object>> errors = (List<Map<String, Object>>) entry.get("errors");
    assertFalse(errors.isEmpty());
    assertTrue(errors.toString().contains("products"), errors.toString());
  }

  @Test
  void nestedDefersArriveOuterFirst() throws Exception {
    Streamed r =
        post(
            "{ review(id: \"1\") { id ... @defer(label: \"outer\") { body product { upc"
                + " ... @defer(label: \"inner\") { name } } } } }",
            Map.of(),
            MULTIPART);
    List<String> labels = new ArrayList<>();
    for (Map<String, Object> p : r.parts().subList(1, r.parts().size())) {
      for (Object e : (List<?>) p.getOrDefault("incremental", List.of())) {
        labels.add((String) ((Map<?, ?>) e).get("label"));
      }
    }
    assertEquals(List.of("outer", "inner"), labels, r.parts().toString());
    Map<String, Object> outer = at(r.parts().get(1), "incremental", 0);
    assertEquals(Map.of("body", "Body-1", "product", Map.of("upc", "u1")), outer.get("data"));
    Map<String, Object> inner = at(r.parts().get(r.parts().size() - 1), "incremental", 0);
    assertEquals(List.of("review", "product"), inner.get("path"));
    assertEquals(Map.of("name", "Name-u1"), inner.get("data"));
  }

  @Test
  void ifFalseOrNoMultipartGetTheWholeResultAsJson() throws Exception {
    String query =
        "query ($d: Boolean!) { review(id: \"1\") { id ... @defer(if: $d) { product { name } } } }";
    Map<String, Object> whole =
        Map.of("review", Map.of("id", "1", "product", Map.of("name", "Name-u1")));
    Streamed off = post(query, Map.of("d", false), MULTIPART);
    assertTrue(off.contentType().startsWith("application/json"), off.contentType());
    assertEquals(whole, off.parts().get(0).get("data"));
    Streamed json = post(query, Map.of("d", true), "application/json");
    assertTrue(json.contentType().startsWith("application/json"), json.contentType());
    assertEquals(whole, json.parts().get(0).get("data"));
    Streamed on = post(query, Map.of("d", true), MULTIPART);
    assertEquals(Map.of("review", Map.of("id", "1")), on.parts().get(0).get("data"));
  }

  @Test
  void anOperationWithoutDeferIsPlainJsonEvenWhenMultipartIsAccepted() throws Exception {
    Streamed r = post("{ review(id: \"1\") { id body } }", Map.of(), MULTIPART);
    assertTrue(r.contentType().startsWith("application/json"), r.contentType());
    assertEquals(
        Map.of("review", Map.of("id", "1", "body", "Body-1")), r.parts().get(0).get("data"));
  }
}
