package dev.junction.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A graphql-transport-ws client of the gateway process on the JDK's WebSocket: the messages it
 * received (pings answered) and the close code.
 */
final class GatewayWsClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BlockingQueue<Map<String, Object>> messages = new LinkedBlockingQueue<>();
  final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final WebSocket socket;

  private GatewayWsClient(int port) throws Exception {
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .subprotocols("graphql-transport-ws")
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/graphql"), new Listener())
            .get(10, TimeUnit.SECONDS);
  }

  /** Connects and initialises with {@code Authorization: Bearer <token>} in the payload. */
  static GatewayWsClient open(int port, String token) throws Exception {
    GatewayWsClient c = new GatewayWsClient(port);
    c.send(
        JSON.writeValueAsString(
            Map.of(
                "type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token))));
    Map<String, Object> ack = c.next(10);
    if (!"connection_ack".equals(ack.get("type"))) {
      throw new AssertionError("no connection_ack: " + ack);
    }
    return c;
  }

  void send(String text) throws Exception {
    socket.sendText(text, true).get(5, TimeUnit.SECONDS);
  }

  void subscribe(String id, String query, Map<String, Object> variables) throws Exception {
    send(
        JSON.writeValueAsString(
            Map.of(
                "id",
                id,
                "type",
                "subscribe",
                "payload",
                Map.of("query", query, "variables", variables))));
  }

  /** The next message that is not a ping, within {@code seconds}; fails on none. */
  Map<String, Object> next(int seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      long left = end - System.nanoTime();
      Map<String, Object> m = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
      if (m == null) {
        throw new AssertionError("no message within " + seconds + " s");
      }
      if ("ping".equals(m.get("type"))) {
        send("{\"type\":\"pong\"}");
        continue;
      }
      return m;
    }
  }

  void closeNormally() throws Exception {
    socket.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          messages.add(JSON.readValue(partial.toString(), Map.class));
        } catch (Exception e) {
          messages.add(Map.of("type", "unparseable", "text", partial.toString()));
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closeCode.completeExceptionally(error);
    }
  }
}
