package dev.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.client.transport.TransportConnectException;
import dev.junction.client.transport.TransportException;
import dev.junction.client.transport.TransportIoException;
import dev.junction.client.transport.TransportTimeoutException;
import dev.junction.client.transport.WebSocketTransport;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The graphql-transport-ws client side: one socket shared by a client's subscriptions, opened on
 * the first and closed after the last; {@code connection_init} with the bearer token, {@code
 * ping}/{@code pong}, and after a lost socket a bounded back-off, a new socket and every active
 * subscription sent again, until {@link SubscriptionSettings#maxAttempts()} failures in a row.
 */
final class GraphQLWsClient {
  static final String SUBPROTOCOL = "graphql-transport-ws";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Close codes after which reconnecting cannot help. */
  private static final Set<Integer> TERMINAL = Set.of(4400, 4401, 4403, 4406, 4409, 4429, 4500);

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "junction-graphql-ws-timer");
            t.setDaemon(true);
            return t;
          });

  /** Receives one subscription's messages. */
  interface Sink {
    void next(JsonNode payload);

    void error(Throwable error);

    void complete();
  }

  private record Active(String id, ObjectNode payload, Sink sink) {}

  private final URI uri;
  private final WebSocketTransport transport;
  private final ClientSettings settings;
  private final SubscriptionSettings options;
  private final Object lock = new Object();
  private final Map<String, Active> active = new LinkedHashMap<>();
  private Connection current;
  private int failures;
  private long nextId;
  private ScheduledFuture<?> pendingReconnect;

  GraphQLWsClient(
      URI uri,
      WebSocketTransport transport,
      ClientSettings settings,
      SubscriptionSettings options) {
    this.uri = uri;
    this.transport = transport;
    this.settings = settings;
    this.options = options;
  }

  /** Starts a subscription; returns its id. */
  String start(ObjectNode payload, Sink sink) {
    synchronized (lock) {
      String id = Long.toString(++nextId);
      active.put(id, new Active(id, payload, sink));
      if (current == null) {
        if (pendingReconnect == null) {
          connect();
        }
      } else if (current.acknowledged) {
        current.send(subscribe(id, payload));
      }
      return id;
    }
  }

  /** Stops a subscription: {@code complete} to the server, the socket closed if it was the last. */
  void stop(String id) {
    synchronized (lock) {
      if (active.remove(id) == null) {
        return;
      }
      if (current != null && current.acknowledged) {
        current.send(message(id, "complete"));
      }
      closeIfIdle();
    }
  }

  /** The number of subscriptions running (for tests and metrics). */
  int activeCount() {
    synchronized (lock) {
      return active.size();
    }
  }

  private void closeIfIdle() {
    if (!active.isEmpty()) {
      return;
    }
    if (pendingReconnect != null) {
      pendingReconnect.cancel(false);
      pendingReconnect = null;
    }
    if (current != null) {
      Connection c = current;
      current = null;
      c.closeLocally(1000, "Normal Closure");
    }
  }

  private void connect() {
    Connection connection = new Connection();
    current = connection;
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("apollographql-client-name", settings.clientName());
    headers.put("apollographql-client-version", settings.clientVersion());
    transport
        .connect(uri, headers, SUBPROTOCOL, connection)
        .whenComplete(
            (session, failure) -> {
              if (failure != null) {
                lost(connection, unwrap(failure));
              } else {
                connection.opened(session);
              }
            });
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  /** A socket ended or failed without us closing it. */
  private void lost(Connection connection, Throwable cause) {
    List<Active> failed = List.of();
    synchronized (lock) {
      if (current != connection) {
        return;
      }
      current = null;
      connection.ended = true;
      connection.cancelTimers();
      if (active.isEmpty()) {
        return;
      }
      failures++;
      boolean terminal = connection.closeCode != null && TERMINAL.contains(connection.closeCode);
      if (terminal || failures >= options.maxAttempts() + 1) {
        failed = new ArrayList<>(active.values());
        active.clear();
        failures = 0;
      } else {
        long wait = options.backoff(failures).toMillis();
        pendingReconnect =
            TIMER.schedule(
                () -> {
                  synchronized (lock) {
                    pendingReconnect = null;
                    if (!active.isEmpty() && current == null) {
                      connect();
                    }
                  }
                },
                wait,
                TimeUnit.MILLISECONDS);
      }
    }
    if (!failed.isEmpty()) {
      boolean terminal = connection.closeCode != null && TERMINAL.contains(connection.closeCode);
      TransportException error =
          new TransportIoException(
              terminal
                  ? "subscription socket to "
                      + uri
                      + " closed by the server: "
                      + connection.closeCode
                      + " "
                      + connection.closeReason
                  : "subscription socket to "
                      + uri
                      + " lost ("
                      + cause.getMessage()
                      + "); gave up after "
                      + options.maxAttempts()
                      + " reconnection attempt(s)",
              cause);
      for (Active a : failed) {
        a.sink().error(error);
      }
    }
  }

  private void onMessage(Connection connection, String text) {
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (IOException e) {
      connection.abortWith(new TransportIoException("invalid graphql-transport-ws message", e));
      return;
    }
    String type = message.path("type").asText("");
    String id = message.path("id").asText(null);
    Active target = null;
    List<Active> toSend = List.of();
    synchronized (lock) {
      if (current != connection) {
        return;
      }
      switch (type) {
        case "connection_ack" -> {
          connection.acknowledged = true;
          if (connection.ackTimer != null) {
            connection.ackTimer.cancel(false);
          }
          connection.startKeepAlive();
          toSend = new ArrayList<>(active.values());
        }
        case "ping" -> connection.send("{\"type\":\"pong\"}");
        case "next" -> {
          target = id == null ? null : active.get(id);
          failures = 0;
        }
        case "error", "complete" -> {
          target = id == null ? null : active.remove(id);
          closeIfIdle();
        }
        default -> {}
      }
      for (Active a : toSend) {
        connection.send(subscribe(a.id(), a.payload()));
      }
    }
    if (target == null) {
      return;
    }
    switch (type) {
      case "next" -> target.sink().next(message.path("payload"));
      case "complete" -> target.sink().complete();
      case "error" -> target.sink().error(requestError(message.path("payload")));
      default -> {}
    }
  }

  private static TransportException requestError(JsonNode payload) {
    List<GraphQLError> errors = new ArrayList<>();
    try {
      for (JsonNode e : payload.isArray() ? payload : JSON.createArrayNode().add(payload)) {
        errors.add(ErrorParsing.error(e));
      }
    } catch (TransportException invalid) {
      return invalid;
    }
    return new SubscriptionErrorException(errors);
  }

  private String init() {
    ObjectNode init = JSON.createObjectNode().put("type", "connection_init");
    ObjectNode payload = init.putObject("payload");
    if (settings.authTokenProvider() != null) {
      String token = settings.authTokenProvider().token();
      if (token != null && !token.isBlank()) {
        payload.put("Authorization", "Bearer " + token);
      }
    }
    return init.toString();
  }

  private static String subscribe(String id, ObjectNode payload) {
    ObjectNode m = JSON.createObjectNode().put("id", id).put("type", "subscribe");
    m.set("payload", payload);
    return m.toString();
  }

  private static String message(String id, String type) {
    return JSON.createObjectNode().put("id", id).put("type", type).toString();
  }

  /** One socket's state; its listener callbacks come from the transport's threads. */
  private final class Connection implements WebSocketTransport.Listener {
    private WebSocketTransport.Session session;
    private boolean acknowledged;
    private boolean ended;
    private boolean closedLocally;
    private Integer closeCode;
    private String closeReason;
    private ScheduledFuture<?> ackTimer;
    private ScheduledFuture<?> keepAliveTimer;
    private volatile long lastReceived = System.nanoTime();

    /** Under the lock: pings when the socket is quiet, gives it up when it stays silent. */
    void startKeepAlive() {
      long every = options.keepAlive().toMillis();
      if (every <= 0 || keepAliveTimer != null) {
        return;
      }
      keepAliveTimer =
          TIMER.scheduleAtFixedRate(
              () -> {
                long silentMillis = (System.nanoTime() - lastReceived) / 1_000_000;
                if (silentMillis >= 2 * every) {
                  abortWith(
                      new TransportTimeoutException(
                          "no message on the subscription socket for " + silentMillis + " ms",
                          null));
                } else if (silentMillis >= every) {
                  send("{\"type\":\"ping\"}");
                }
              },
              every / 2,
              every / 2,
              TimeUnit.MILLISECONDS);
    }

    void cancelTimers() {
      if (ackTimer != null) {
        ackTimer.cancel(false);
      }
      if (keepAliveTimer != null) {
        keepAliveTimer.cancel(false);
      }
    }

    void opened(WebSocketTransport.Session s) {
      synchronized (lock) {
        session = s;
        if (closedLocally) {
          s.close(1000, "Normal Closure");
          return;
        }
        if (current != this) {
          s.abort();
          return;
        }
        ackTimer =
            TIMER.schedule(
                () ->
                    abortWith(
                        new TransportTimeoutException(
                            "no connection_ack within " + options.ackTimeout(), null)),
                options.ackTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
      }
      send(init());
    }

    void send(String text) {
      WebSocketTransport.Session s;
      synchronized (lock) {
        s = session;
        if (s == null) {
          return;
        }
      }
      try {
        s.send(text);
      } catch (RuntimeException e) {
        abortWith(new TransportIoException("cannot send on the subscription socket", e));
      }
    }

    void closeLocally(int code, String reason) {
      closedLocally = true;
      ended = true;
      cancelTimers();
      if (session != null) {
        session.close(code, reason);
      }
    }

    void abortWith(Throwable cause) {
      WebSocketTransport.Session s;
      synchronized (lock) {
        s = session;
      }
      if (s != null) {
        s.abort();
      }
      lost(this, cause);
    }

    @Override
    public void onText(String text) {
      lastReceived = System.nanoTime();
      onMessage(this, text);
    }

    @Override
    public void onClosed(int code, String reason) {
      synchronized (lock) {
        closeCode = code;
        closeReason = reason;
      }
      lost(
          this,
          new TransportIoException("subscription socket closed: " + code + " " + reason, null));
    }

    @Override
    public void onError(Throwable error) {
      lost(
          this,
          error instanceof java.net.ConnectException
              ? new TransportConnectException("cannot connect to " + uri, error)
              : new TransportIoException("subscription socket failed", error));
    }
  }
}
