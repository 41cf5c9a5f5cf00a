package dev.junction.client.transport;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Opens text WebSockets for subscriptions. {@link JdkWebSocketTransport} ({@code
 * java.net.http.WebSocket}) and {@link OkHttpWebSocketTransport} implement it; the
 * graphql-transport-ws protocol, reconnection and re-subscription live above it, in {@link
 * dev.junction.client.GraphQLClient#subscribe}.
 */
public interface WebSocketTransport {
  /**
   * Opens a socket. The future fails with a {@link TransportException} when the upgrade fails.
   *
   * @param uri the {@code ws://} or {@code wss://} endpoint
   * @param headers upgrade request headers
   * @param subprotocol the {@code Sec-WebSocket-Protocol} to ask for
   * @param listener receives the socket's messages and its end, one call at a time
   */
  CompletableFuture<Session> connect(
      URI uri, Map<String, String> headers, String subprotocol, Listener listener);

  /** An open socket. */
  interface Session {
    /** Sends a text message (queued; failures reach {@link Listener#onError}). */
    void send(String text);

    /** Starts the closing handshake. */
    void close(int code, String reason);

    /** Drops the connection without a handshake. */
    void abort();
  }

  /** Socket events; exactly one of {@link #onClosed} or {@link #onError} ends the socket. */
  interface Listener {
    /** A complete text message. */
    void onText(String text);

    /** The peer closed the socket (or it was closed after a local close). */
    void onClosed(int code, String reason);

    /** The connection failed. */
    void onError(Throwable error);
  }
}
