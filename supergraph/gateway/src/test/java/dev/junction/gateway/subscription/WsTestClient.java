package dev.junction.gateway.subscription;

import static org.assertj.core.api.Assertions.assertThat;

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

/** A graphql-transport-ws client on the JDK's WebSocket: received messages and the close code. */
final class WsTestClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BlockingQueue<Map<String, Object>> messages = new LinkedBlockingQueue<>();
  final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final WebSocket socket;
  private volatile boolean paused;

  WsTestClient(int port, Map<String, String> headers) throws Exception {
    WebSocket.Builder builder =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .subprotocols("graphql-transport-ws")
            .connectTimeout(Duration.ofSeconds(5));
    headers.forEach(builder::header);
    socket =
        builder
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/graphql"), new Listener())
            .get(10, TimeUnit.SECONDS);
  }

  static WsTestClient connect(int port) throws Exception {
    return new WsTestClient(port, Map.of());
  }

  String subprotocol() {
    return socket.getSubprotocol();
  }

  void send(String text) throws Exception {
    socket.sendText(text, true).get(5, TimeUnit.SECONDS);
  }

  /** Sends connection_init and expects connection_ack. */
  void init(String payloadJson) throws Exception {
    send(
        "{\"type\":\"connection_init\""
            + (payloadJson == null ? "" : ",\"payload\":" + payloadJson)
            + "}");
    Map<String, Object> ack = nextOfType("connection_ack", 5);
    assertThat(ack).containsEntry("type", "connection_ack");
  }

  void subscribe(String id, String query) throws Exception {
    send(
        JSON.writeValueAsString(
            Map.of("id", id, "type", "subscribe", "payload", Map.of("query", query))));
  }

  /** The next message that is not a keep-alive ping, within {@code seconds}; fails on none. */
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

  Map<String, Object> nextOfType(String type, int seconds) throws Exception {
    Map<String, Object> m = next(seconds);
    assertThat(m.get("type")).as("message %s", m).isEqualTo(type);
    return m;
  }

  /** The close code the server sent, within {@code seconds}. */
  int awaitClose(int seconds) throws Exception {
    return closeCode.get(seconds, TimeUnit.SECONDS);
  }

  /** Stops reading (after the message being delivered): the server's writes back up. */
  void pause() {
    paused = true;
  }

  /** Reads again. */
  void resume() {
    paused = false;
    socket.request(1);
  }

  void closeNormally() {
    socket.sendClose(1000, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
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
      if (!paused) {
        webSocket.request(1);
      }
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
