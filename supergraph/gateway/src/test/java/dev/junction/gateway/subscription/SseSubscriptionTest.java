package dev.junction.gateway.subscription;

import static dev.junction.gateway.subscription.SubscriptionHarness.QUERY;
import static dev.junction.gateway.subscription.SubscriptionHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** GraphQL over SSE (distinct connections), plain HTTP refusals and per-client limits. */
@Timeout(60)
class SseSubscriptionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private SubscriptionHarness harness;

  private SubscriptionHarness start(int maxConnections) throws Exception {
    harness =
        new SubscriptionHarness(
            SubscriptionHarness.config(100, maxConnections, Duration.ofSeconds(5), 256));
    return harness;
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  private HttpRequest.Builder post(String query, String accept) throws Exception {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.port() + "/graphql"))
        .timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json")
        .header("accept", accept)
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query))));
  }

  /** An open event stream: its lines, read on a daemon thread. */
  private static final class Stream implements AutoCloseable {
    final HttpResponse<InputStream> response;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    Stream(HttpResponse<InputStream> response) {
      this.response = response;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                  for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                  }
                  lines.add("<eof>");
                } catch (Exception e) {
                  lines.add("<eof>");
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    String line(int seconds) throws InterruptedException {
      String line = lines.poll(seconds, TimeUnit.SECONDS);
      if (line == null) {
        throw new AssertionError("no line within " + seconds + " s");
      }
      return line;
    }

    /** The next event's name and data, skipping blank lines and keep-alive comments. */
    String[] event(int seconds) throws InterruptedException {
      String line;
      do {
        line = line(seconds);
      } while (line.isEmpty() || line.startsWith(":"));
      if (line.equals("<eof>")) {
        return new String[] {"<eof>", ""};
      }
      assertThat(line).startsWith("event: ");
      String data = line(seconds);
      assertThat(data).startsWith("data:");
      return new String[] {line.substring(7), data.substring(5).trim()};
    }

    @Override
    public void close() throws Exception {
      response.body().close();
    }
  }

  private Stream open(HttpRequest request) throws Exception {
    return new Stream(http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
  }

  @Test
  @SuppressWarnings("unchecked")
  void eventsArriveAsServerSentEvents() throws Exception {
    start(10);
    try (Stream s = open(post(QUERY, "text/event-stream").build())) {
      assertThat(s.response.statusCode()).isEqualTo(200);
      assertThat(s.response.headers().firstValue("content-type").orElse(""))
          .startsWith("text/event-stream");
      for (int i = 1; i <= 3; i++) {
        String[] event = s.event(5);
        assertThat(event[0]).isEqualTo("next");
        Map<String, Object> payload = JSON.readValue(event[1], Map.class);
        Map<String, Object> review =
            (Map<String, Object>) ((Map<String, Object>) payload.get("data")).get("reviewAdded");
        assertThat(review)
            .containsEntry("id", "r" + i)
            .containsEntry("product", Map.of("name", "Name-p" + i, "price", 7))
            .containsEntry("author", Map.of("name", "User-u" + i));
      }
      assertThat(s.event(5)[0]).isEqualTo("complete");
      assertThat(s.line(5)).isEmpty();
      assertThat(s.line(5)).isEqualTo("<eof>");
    }
    assertThat(eventually(5, () -> harness.reviews.open.get() == 0)).isTrue();
  }

  @Test
  void getStreamsToButPassesCsrfAndAuthenticationFirst() throws Exception {
    start(10);
    String uri =
        "http://127.0.0.1:"
            + harness.port()
            + "/graphql?query="
            + URLEncoder.encode(QUERY, StandardCharsets.UTF_8);
    HttpResponse<String> csrf =
        http.send(
            HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(5))
                .header("accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(csrf.statusCode()).isEqualTo(400);
    assertThat(csrf.body()).contains("CSRF_ERROR");
    HttpResponse<String> token =
        http.send(
            post(QUERY, "text/event-stream").header("authorization", "Bearer bad").build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(token.statusCode()).isEqualTo(401);
    assertThat(token.body()).contains("UNAUTHENTICATED");
    assertThat(harness.reviews.accepted.get()).isZero();
    try (Stream s =
        open(
            HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(10))
                .header("accept", "text/event-stream")
                .header("apollo-require-preflight", "true")
                .build())) {
      assertThat(s.response.statusCode()).isEqualTo(200);
      assertThat(s.event(5)[0]).isEqualTo("next");
    }
  }

  @Test
  void aSubscriptionOverPlainHttpIsRefusedWithACode() throws Exception {
    start(10);
    HttpResponse<String> r =
        http.send(post(QUERY, "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(406);
    assertThat(r.body()).contains("SUBSCRIPTION_TRANSPORT_REQUIRED");
    assertThat(harness.reviews.accepted.get()).isZero();
    // a query over SSE is one next event, then complete
    try (Stream s = open(post("{ product(upc: \"p1\") { name } }", "text/event-stream").build())) {
      String[] next = s.event(5);
      assertThat(next[0]).isEqualTo("next");
      assertThat(next[1]).isEqualTo("{\"data\":{\"product\":{\"name\":\"Lamp\"}}}");
      assertThat(s.event(5)[0]).isEqualTo("complete");
    }
    // a request error over SSE is plain JSON with its status
    HttpResponse<String> invalid =
        http.send(
            post("{ nope }", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("GRAPHQL_VALIDATION_FAILED");
  }

  @Test
  void aLostSourceAndADisconnectingClientEndTheStreamAndFreeTheSocket() throws Exception {
    start(10);
    harness.reviews.hang = true;
    harness.reviews.events = 1;
    try (Stream s = open(post(QUERY, "text/event-stream").build())) {
      assertThat(s.event(5)[0]).isEqualTo("next");
      harness.reviews.refuse = true; // down: the reconnections fail too
      harness.reviews.killAll();
      String[] lost = s.event(5);
      harness.reviews.refuse = false;
      assertThat(lost[0]).isEqualTo("next");
      assertThat(lost[1])
          .contains("SUBSCRIPTION_SOURCE_LOST")
          .contains("\"serviceName\":\"reviews\"");
      assertThat(s.event(5)[0]).isEqualTo("complete");
    }
    Stream s = open(post(QUERY, "text/event-stream").build());
    assertThat(s.event(5)[0]).isEqualTo("next");
    assertThat(harness.reviews.open.get()).isEqualTo(1);
    s.close();
    assertThat(eventually(5, () -> harness.reviews.open.get() == 0)).isTrue();
    assertThat(eventually(5, () -> harness.gateway.openSubgraphSockets() == 0)).isTrue();
  }

  @Test
  void keepAliveCommentsFlowWhileNoEventArrives() throws Exception {
    start(10);
    harness.reviews.hang = true;
    harness.reviews.events = 0;
    try (Stream s = open(post(QUERY, "text/event-stream").build())) {
      assertThat(s.response.statusCode()).isEqualTo(200);
      String line = s.line(5);
      assertThat(line).startsWith(":");
    }
  }

  @Test
  void connectionsPerClientAreLimited() throws Exception {
    start(2);
    harness.reviews.hang = true;
    try (Stream a = open(post(QUERY, "text/event-stream").build());
        WsTestClient b = WsTestClient.connect(harness.port())) {
      assertThat(a.event(5)[0]).isEqualTo("next");
      b.init(null);
      HttpResponse<String> third =
          http.send(post(QUERY, "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(third.body()).contains("TOO_MANY_CONNECTIONS");
      Exception refused = null;
      try (WsTestClient c = WsTestClient.connect(harness.port())) {
        c.init(null);
      } catch (Exception e) {
        refused = e;
      }
      assertThat(refused).as("a third WebSocket is refused at the upgrade").isNotNull();
    }
    // the slots are given back
    assertThat(
            eventually(
                5,
                () -> {
                  try (WsTestClient c = WsTestClient.connect(harness.port())) {
                    c.init(null);
                    return true;
                  } catch (Exception e) {
                    return false;
                  }
                }))
        .isTrue();
  }
}
