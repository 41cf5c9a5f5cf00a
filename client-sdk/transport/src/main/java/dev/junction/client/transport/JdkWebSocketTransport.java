package dev.junction.client.transport;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** A {@link WebSocketTransport} on the JDK's {@link java.net.http.WebSocket}. */
public final class JdkWebSocketTransport implements WebSocketTransport {
  private final HttpClient client;
  private final Duration connectTimeout;

  /** A transport with its own client and the given connect time-out. */
  public JdkWebSocketTransport(Duration connectTimeout) {
    this(HttpClient.newBuilder().connectTimeout(connectTimeout).build(), connectTimeout);
  }

  /** A transport on a caller-configured client. */
  public JdkWebSocketTransport(HttpClient client, Duration connectTimeout) {
    this.client = client;
    this.connectTimeout = connectTimeout;
  }

  @Override
  public CompletableFuture<Session> connect(
      URI uri, Map<String, String> headers, String subprotocol, Listener listener) {
    WebSocket.Builder builder =
        client.newWebSocketBuilder().subprotocols(subprotocol).connectTimeout(connectTimeout);
    headers.forEach(builder::header);
    return builder
        .buildAsync(uri, new Adapter(listener, client))
        .handle(
            (socket, failure) -> {
              if (failure != null) {
                throw new CompletionException(mapped(uri, failure));
              }
              return (Session) new JdkSession(socket, listener, client);
            });
  }

  private static TransportException mapped(URI uri, Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof WebSocketHandshakeException handshake) {
      return new TransportIoException(
          "WebSocket upgrade to " + uri + " refused: HTTP " + handshake.getResponse().statusCode(),
          cause);
    }
    if (cause instanceof ConnectException || cause.getCause() instanceof ConnectException) {
      return new TransportConnectException("cannot connect to " + uri, cause);
    }
    return new TransportIoException("WebSocket to " + uri + " failed", cause);
  }

  /**
   * The JDK allows one outstanding send per socket: sends are chained, never awaited, so no thread
   * (least of all the client's own listener thread) ever blocks on the network. A failed send
   * aborts the socket and reports the failure to the listener.
   */
  private static final class JdkSession implements Session {
    private final WebSocket socket;
    private final Listener listener;

    /**
     * Held so that the client stays reachable while its socket is open: the JDK stops a client's
     * selector thread, and with it every socket of the client, once the client is unreachable, and
     * a caller may keep only its subscriptions, not the client.
     */
    @SuppressWarnings("unused")
    private final HttpClient client;

    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

    JdkSession(WebSocket socket, Listener listener, HttpClient client) {
      this.socket = socket;
      this.listener = listener;
      this.client = client;
    }

    private void failed(Throwable failure) {
      socket.abort(); // the JDK calls no listener method after an abort: tell the client here
      listener.onError(
          failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure);
    }

    @Override
    public synchronized void send(String text) {
      if (socket.isOutputClosed()) {
        throw new IllegalStateException("the subscription socket's output is closed");
      }
      tail =
          tail.thenCompose(previous -> socket.sendText(text, true))
              .whenComplete(
                  (sent, failure) -> {
                    if (failure != null) {
                      failed(failure);
                    }
                  });
    }

    @Override
    public synchronized void close(int code, String reason) {
      // after the queued sends, so a final complete reaches the server before the close frame
      tail =
          tail.handle((sent, failure) -> null)
              .thenCompose(
                  previous ->
                      socket.isOutputClosed()
                          ? CompletableFuture.completedFuture(null)
                          : socket.sendClose(code, reason))
              .whenComplete(
                  (sent, failure) -> {
                    if (failure != null) {
                      failed(failure);
                    }
                  });
    }

    @Override
    public void abort() {
      socket.abort();
    }
  }

  private static final class Adapter implements WebSocket.Listener {
    private final Listener listener;
    private final StringBuilder partial = new StringBuilder();

    @SuppressWarnings("unused") // keeps the client reachable while connecting (see JdkSession)
    private final HttpClient client;

    Adapter(Listener listener, HttpClient client) {
      this.listener = listener;
      this.client = client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        listener.onText(text);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      listener.onClosed(statusCode, reason);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      listener.onError(error);
    }
  }
}
