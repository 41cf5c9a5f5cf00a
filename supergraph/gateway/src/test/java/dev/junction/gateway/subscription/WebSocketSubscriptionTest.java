package dev.junction.gateway.subscription;

import static dev.junction.gateway.subscription.SubscriptionHarness.QUERY;
import static dev.junction.gateway.subscription.SubscriptionHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.auth.SubgraphCredentials;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** graphql-transport-ws end to end: the real gateway, a WebSocket subgraph, an HTTP subgraph. */
@Timeout(60)
class WebSocketSubscriptionTest {
  private SubscriptionHarness harness;

  private SubscriptionHarness start(int maxSubscriptions, Duration initTimeout) throws Exception {
    harness =
        new SubscriptionHarness(
            SubscriptionHarness.config(maxSubscriptions, 100, initTimeout, 256));
    return harness;
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> review(Map<String, Object> next) {
    Map<String, Object> payload = (Map<String, Object>) next.get("payload");
    Map<String, Object> data = (Map<String, Object>) payload.get("data");
    return (Map<String, Object>) data.get("reviewAdded");
  }

  @Test
  @SuppressWarnings("unchecked")
  void eventsArriveInOrderCompletedByTheEntitySubgraph() throws Exception {
    SubscriptionHarness h = start(100, Duration.ofSeconds(5));
    try (WsTestClient client = new WsTestClient(h.port(), Map.of("x-tenant", "acme"))) {
      assertThat(client.subprotocol()).isEqualTo("graphql-transport-ws");
      client.init("{\"Authorization\":\"Bearer good\"}");
      client.subscribe("s1", QUERY);
      for (int i = 1; i <= 3; i++) {
        Map<String, Object> next = client.nextOfType("next", 5);
        assertThat(next).containsEntry("id", "s1");
        Map<String, Object> review = review(next);
        assertThat(review)
            .containsEntry("id", "r" + i)
            .containsEntry("body", "body " + i)
            .containsEntry("product", Map.of("name", "Name-p" + i, "price", 7))
            .containsEntry("author", Map.of("name", "User-u" + i));
        assertThat(((Map<String, Object>) next.get("payload"))).doesNotContainKey("errors");
      }
      assertThat(client.nextOfType("complete", 5)).containsEntry("id", "s1");
    }
    // the subgraph got the caller credential on the upgrade and in connection_init, and the
    // propagated client header
    Map<String, String> upgrade = h.reviews.upgradeHeaders.get(0);
    assertThat(upgrade).containsKey(SubgraphCredentials.HEADER).containsEntry("x-tenant", "acme");
    assertThat((Map<String, Object>) h.reviews.initPayloads.get(0))
        .containsKey(SubgraphCredentials.HEADER)
        .containsEntry("x-tenant", "acme");
    Map<String, Object> sent = (Map<String, Object>) h.reviews.subscribePayloads.get(0);
    assertThat((String) sent.get("query")).startsWith("subscription").contains("reviewAdded");
    assertThat(eventually(5, () -> h.reviews.open.get() == 0)).isTrue();
    assertThat(h.entities.calls.get()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void queriesAndMutationsOverTheSocketAreOneResultThenComplete() throws Exception {
    SubscriptionHarness h = start(100, Duration.ofSeconds(5));
    try (WsTestClient client = WsTestClient.connect(h.port())) {
      client.init(null);
      client.subscribe("q1", "{ product(upc: \"p1\") { name } }");
      Map<String, Object> next = client.nextOfType("next", 5);
      assertThat(next.get("payload"))
          .isEqualTo(Map.of("data", Map.of("product", Map.of("name", "Lamp"))));
      assertThat(client.nextOfType("complete", 5)).containsEntry("id", "q1");
      client.subscribe("q2", "{ nope }");
      Map<String, Object> error = client.nextOfType("error", 5);
      assertThat(error).containsEntry("id", "q2");
      assertThat(error.get("payload").toString()).contains("GRAPHQL_VALIDATION_FAILED");
    }
  }

  @Test
  void anInvalidMessageClosesWith4400() throws Exception {
    SubscriptionHarness h = start(100, Duration.ofSeconds(5));
    try (WsTestClient client = WsTestClient.connect(h.port())) {
      client.init(null);
      client.send("this is not json");
      assertThat(client.awaitClose(5)).isEqualTo(4400);
    }
    try (WsTestClient client = WsTestClient.connect(h.port())) {
      client.init(null);
      client.send("{\"type\":\"subscribe\",\"id\":\"x\"}");
      assertThat(client.awaitClose(5)).isEqualTo(4400);
    }
    try (WsTestClient client = WsTestClient.connect(h.port())) {
      client.send("{\"type\":\"whatever\"}");
      assertThat(client.awaitClose(5)).isEqualTo(4400);
    }
  }

  @Test
  void aDuplicateIdClosesWith4409AndASecondInitWith4429() throws Exception {
    SubscriptionHarness h = start(100, Duration.ofSeconds(5));
    h.reviews.hang = true;
    try (WsTestClient client = WsTestClient.connect(h.port())) {
      client.init(null);
      client.subscribe("same", QUERY);
      client.nextOfType("next", 5);
      client.subscribe("same", QUERY);
      assertThat(client.awaitClose(5)).isEqualTo(4409);
    }
    assertThat(eventually(5, () -> h.reviews.open.get() == 0))
        .as("subgraph sockets freed")
        .isTrue();
    try (WsTestClient client = WsTestClient.connect(h.port())) {
      client.init(null);
      client.send("{\"type\":\"connection_init\"}");
      assertThat(client.awaitClose(5)).isEqualTo(4429);
    }
  }

  @Test
  void noInitWithinTheTimeoutClosesWith4408() throws Exception {
    SubscriptionHarness h = start(100, Duration.ofMillis(300));
    try (WsTestClient client = WsTestClient.connect(h.port())) {
      long started = System.nanoTime();
      assertThat(client.awaitClose(5)).isEqualTo(4408);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void anInvalidTokenClosesWith4401AndSoDoesSubscribingBeforeTheAck() throws Exception {
    SubscriptionHarness h = start(100, Duration.ofSeconds(5));
    try (WsTestClient client = WsTestClient.connect(h.port())) {
      client.send("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer bad\"}}");
      assertThat(client.awaitClose(5)).isEqualTo(4401);
    }
    try (WsTestClient client = new WsTestClient(h.port(), Map.of("Authorization", "Bearer bad"))) {
      client.send("{\"type\":\"connection_init\"}");
      assertThat(client.awaitClose(5)).as("the upgrade's own header").isEqualTo(4401);
    }
    try (WsTestClient client = WsTestClient.connect(h.port())) {
      client.subscribe("s1", QUERY);
      assertThat(client.awaitClose(5)).isEqualTo(4401);
    }
    assertThat(h.reviews.accepted.get()).isZero();
  }

  @Test
  void subscriptionsBeyondTheLimitGetAnError() throws Exception {
    SubscriptionHarness h = start(2, Duration.ofSeconds(5));
    h.reviews.hang = true;
    try (WsTestClient client = WsTestClient.connect(h.port())) {
      client.init(null);
      client.subscribe("a", QUERY);
      client.subscribe("b", QUERY);
      client.subscribe("c", QUERY);
      boolean refused = false;
      for (int i = 0; i < 10 && !refused; i++) {
        Map<String, Object> m = client.next(5);
        if ("error".equals(m.get("type"))) {
          assertThat(m).containsEntry("id", "c");
          assertThat(m.get("payload").toString()).contains("TOO_MANY_SUBSCRIPTIONS");
          refused = true;
        }
      }
      assertThat(refused).isTrue();
      // completing one makes room again
      client.send("{\"type\":\"complete\",\"id\":\"a\"}");
      assertThat(eventually(5, () -> h.reviews.open.get() == 1)).isTrue();
      client.subscribe("d", QUERY);
      Map<String, Object> m;
      do {
        m = client.nextOfType("next", 5);
      } while (!"d".equals(m.get("id")));
    }
  }

  @Test
  void aLostSubgraphSocketEndsTheStreamWithAnErrorCode() throws Exception {
    SubscriptionHarness h = start(100, Duration.ofSeconds(5));
    h.reviews.hang = true;
    h.reviews.events = 1;
    try (WsTestClient client = WsTestClient.connect(h.port())) {
      client.init(null);
      client.subscribe("s1", QUERY);
      client.nextOfType("next", 5);
      assertThat(h.reviews.open.get()).isEqualTo(1);
      long killed = System.nanoTime();
      h.reviews.refuse = true; // down: the three reconnections (250 + 500 + 1000 ms) fail too
      h.reviews.killAll();
      Map<String, Object> next = client.nextOfType("next", 5);
      assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(5));
      assertThat(next.get("payload").toString())
          .contains("SUBSCRIPTION_SOURCE_LOST")
          .contains("3 reconnection attempts failed");
      h.reviews.refuse = false;
      assertThat(client.nextOfType("complete", 5)).containsEntry("id", "s1");
      // the connection itself lives on
      client.subscribe("q", "{ product(upc: \"p1\") { name } }");
      client.nextOfType("next", 5);
    }
    assertThat(eventually(5, () -> h.gateway.openSubgraphSockets() == 0)).isTrue();
    assertThat(h.reviews.open.get()).isZero();
  }

  @Test
  void aDroppedSubgraphSocketIsReconnectedAndTheStreamGoesOn() throws Exception {
    SubscriptionHarness h = start(100, Duration.ofSeconds(5));
    h.reviews.hang = true;
    h.reviews.events = 1;
    try (WsTestClient client = WsTestClient.connect(h.port())) {
      client.init(null);
      client.subscribe("s1", QUERY);
      assertThat(client.nextOfType("next", 5).get("payload").toString()).doesNotContain("errors");
      h.reviews.killAll(); // the subgraph is still up: the gateway subscribes again
      Map<String, Object> again = client.nextOfType("next", 5);
      assertThat(again.get("payload").toString())
          .doesNotContain("SUBSCRIPTION_SOURCE_LOST")
          .contains("reviewAdded");
      assertThat(h.reviews.accepted.get()).isEqualTo(2);
      assertThat(h.reviews.open.get()).isEqualTo(1);
    }
    assertThat(eventually(5, () -> h.gateway.openSubgraphSockets() == 0)).isTrue();
  }

  @Test
  void completingOrClosingFromTheClientClosesTheSubgraphSocket() throws Exception {
    SubscriptionHarness h = start(100, Duration.ofSeconds(5));
    h.reviews.hang = true;
    try (WsTestClient client = WsTestClient.connect(h.port())) {
      client.init(null);
      client.subscribe("a", QUERY);
      client.subscribe("b", QUERY);
      assertThat(eventually(5, () -> h.reviews.open.get() == 2)).isTrue();
      client.send("{\"type\":\"complete\",\"id\":\"a\"}");
      assertThat(eventually(5, () -> h.reviews.open.get() == 1)).isTrue();
      client.closeNormally();
      assertThat(eventually(5, () -> h.reviews.open.get() == 0)).isTrue();
    }
    WsTestClient aborted = WsTestClient.connect(h.port());
    aborted.init(null);
    aborted.subscribe("a", QUERY);
    assertThat(eventually(5, () -> h.reviews.open.get() == 1)).isTrue();
    aborted.close(); // TCP abort, no close frame
    assertThat(eventually(5, () -> h.reviews.open.get() == 0)).isTrue();
    assertThat(eventually(5, () -> h.gateway.openSubgraphSockets() == 0)).isTrue();
  }

  @Test
  void queriesStillWorkWhileAHundredSubscriptionsAreOpen() throws Exception {
    SubscriptionHarness h = start(100, Duration.ofSeconds(5));
    h.reviews.hang = true;
    h.reviews.events = 1;
    try (WsTestClient client = WsTestClient.connect(h.port())) {
      client.init(null);
      for (int i = 0; i < 100; i++) {
        client.subscribe("s" + i, QUERY);
      }
      for (int i = 0; i < 100; i++) {
        client.nextOfType("next", 10);
      }
      assertThat(h.reviews.open.get()).isEqualTo(100);
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      for (int i = 0; i < 5; i++) {
        java.net.http.HttpResponse<String> r =
            http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + h.port() + "/graphql"))
                    .timeout(Duration.ofSeconds(5))
                    .header("content-type", "application/json")
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"query\":\"{ product(upc: \\\"p1\\\") { name } }\"}"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"data\":{\"product\":{\"name\":\"Lamp\"}}}");
      }
    }
    assertThat(eventually(10, () -> h.reviews.open.get() == 0)).isTrue();
  }

  @Test
  void aClientThatStopsReadingIsClosedOnceItsBufferIsFull() throws Exception {
    harness =
        new SubscriptionHarness(SubscriptionHarness.config(100, 100, Duration.ofSeconds(5), 8));
    SubscriptionHarness h = harness;
    h.reviews.hang = true;
    h.reviews.events = 2000;
    h.reviews.interval = Duration.ofMillis(1);
    h.reviews.padding = 32 * 1024;
    try (WsTestClient client = WsTestClient.connect(h.port())) {
      client.init(null);
      client.pause();
      client.subscribe("s1", QUERY);
      // the gateway gives up on the client: the subgraph subscription is cancelled
      assertThat(eventually(30, () -> h.reviews.accepted.get() == 1 && h.reviews.open.get() == 0))
          .as("subgraph socket closed because the client is too slow")
          .isTrue();
      // that the 4413 close frame then reaches the client: SubscriptionAbuseTest
    }
  }
}
