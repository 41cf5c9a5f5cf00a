package dev.junction.client.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/** A {@link WebSocketTransport} on OkHttp's WebSocket. */
public final class OkHttpWebSocketTransport implements WebSocketTransport {
  private final OkHttpClient client;

  /** A transport with its own client and the given connect time-out. */
  public OkHttpWebSocketTransport(Duration connectTimeout) {
    this(
        new OkHttpClient.Builder()
            .connectTimeout(connectTimeout)
            .readTimeout(Duration.ZERO)
            .retryOnConnectionFailure(false)
            .build());
  }

  /** A transport on a caller-configured client. */
  public OkHttpWebSocketTransport(OkHttpClient client) {
    this.client = client;
  }

  @Override
  public CompletableFuture<Session> connect(
      URI uri, Map<String, String> headers, String subprotocol, Listener listener) {
    String url = uri.toString().replaceFirst("^ws", "http");
    Request.Builder request = new Request.Builder().url(url);
    headers.forEach(request::header);
    request.header("Sec-WebSocket-Protocol", subprotocol);
    CompletableFuture<Session> opened = new CompletableFuture<>();
    AtomicBoolean ended = new AtomicBoolean();
    client.newWebSocket(
        request.build(),
        new WebSocketListener() {
          @Override
          public void onOpen(WebSocket socket, Response response) {
            opened.complete(new OkSession(socket));
          }

          @Override
          public void onMessage(WebSocket socket, String text) {
            listener.onText(text);
          }

          @Override
          public void onClosing(WebSocket socket, int code, String reason) {
            socket.close(code, null);
            if (ended.compareAndSet(false, true)) {
              listener.onClosed(code, reason);
            }
          }

          @Override
          public void onClosed(WebSocket socket, int code, String reason) {
            if (ended.compareAndSet(false, true)) {
              listener.onClosed(code, reason);
            }
          }

          @Override
          public void onFailure(WebSocket socket, Throwable error, Response response) {
            if (!opened.isDone()) {
              opened.completeExceptionally(
                  response != null
                      ? new TransportIoException(
                          "WebSocket upgrade to " + uri + " refused: HTTP " + response.code(),
                          error)
                      : error instanceof java.net.ConnectException
                          ? new TransportConnectException("cannot connect to " + uri, error)
                          : new TransportIoException("WebSocket to " + uri + " failed", error));
              return;
            }
            if (ended.compareAndSet(false, true)) {
              listener.onError(error);
            }
          }
        });
    return opened;
  }

  private record OkSession(WebSocket socket) implements Session {
    @Override
    public void send(String text) {
      socket.send(text);
    }

    @Override
    public void close(int code, String reason) {
      socket.close(code, reason);
    }

    @Override
    public void abort() {
      socket.cancel();
    }
  }
}
