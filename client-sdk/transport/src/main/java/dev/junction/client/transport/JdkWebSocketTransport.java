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
        .buildAsync(uri, new Adapter(listener))
        .handle(
            (socket, failure) -> {
              if (failure != null) {
                throw new CompletionException(mapped(uri, failure));
              }
              return (Session) new JdkSession(socket);
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

  private record JdkSession(WebSocket socket) implements Session {
    @Override
    public synchronized void send(String text) {
      // the JDK allows one outstanding send: wait for the previous one (sends are small)
      socket.sendText(text, true).join();
    }

    @Override
    public void close(int code, String reason) {
      if (!socket.isOutputClosed()) {
        socket.sendClose(code, reason);
      }
    }

    @Override
    public void abort() {
      socket.abort();
    }
  }

  private static final class Adapter implements WebSocket.Listener {
    private final Listener listener;
    private final StringBuilder partial = new StringBuilder();

    Adapter(Listener listener) {
      this.listener = listener;
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
