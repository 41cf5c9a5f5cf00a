package dev.junction.client.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A graphql-transport-ws server on a plain {@link ServerSocket} (RFC 6455 by hand, port 0): acks
 * {@code connection_init} (after a {@code ping} when {@link #pingFirst}), answers each {@code
 * subscribe} with {@link #events} {@code stockChanged} events (stock = 0, 1, 2, ...) every {@link
 * #intervalMillis}, then {@code complete} unless {@link #hang}; or an {@code error} when {@link
 * #refuseSubscribe}. The first {@link #dropConnections} connections are cut (TCP close, no close
 * frame) after {@link #dropAfter} events; the first {@link #silentConnections} fall silent then (no
 * event, no pong, the socket left open). {@link #refuseUpgrade} answers upgrades with 503.
 */
final class WsServerStub implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  final AtomicInteger upgrades = new AtomicInteger();
  final AtomicInteger accepted = new AtomicInteger();
  final AtomicInteger open = new AtomicInteger();
  final List<JsonNode> inits = new CopyOnWriteArrayList<>();
  final List<JsonNode> subscribes = new CopyOnWriteArrayList<>();
  final List<String> completes = new CopyOnWriteArrayList<>();
  final List<String> pongs = new CopyOnWriteArrayList<>();
  final AtomicInteger clientCloseFrames = new AtomicInteger();
  final AtomicInteger pings = new AtomicInteger();
  volatile int events = 3;
  volatile long intervalMillis = 20;
  volatile boolean hang;
  volatile boolean pingFirst;
  volatile boolean refuseSubscribe;
  volatile boolean refuseUpgrade;
  volatile int dropConnections;
  volatile int dropAfter = 2;
  volatile int silentConnections;
  final AtomicInteger sent = new AtomicInteger();

  WsServerStub() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "ws-stub-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI uri() {
    return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/graphql");
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        Thread t = new Thread(() -> serve(socket), "ws-stub-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      String key = null;
      String line;
      while (!(line = readLine(in)).isEmpty()) {
        if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
          key = line.substring(line.indexOf(':') + 1).trim();
        }
      }
      upgrades.incrementAndGet();
      if (refuseUpgrade || key == null) {
        out.write(
            "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return;
      }
      String acceptKey =
          Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("SHA-1")
                      .digest(
                          (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                              .getBytes(StandardCharsets.US_ASCII)));
      out.write(
          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: "
                  + acceptKey
                  + "\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      int index = accepted.getAndIncrement();
      open.incrementAndGet();
      try {
        frames(socket, in, out, index);
      } finally {
        open.decrementAndGet();
      }
    } catch (Exception ended) {
      // the connection is gone
    }
  }

  private void frames(Socket socket, InputStream in, OutputStream out, int index)
      throws IOException {
    while (true) {
      int b0 = in.read();
      if (b0 < 0) {
        return;
      }
      int b1 = in.read();
      long len = b1 & 0x7f;
      if (len == 126) {
        len = (in.read() << 8) | in.read();
      } else if (len == 127) {
        len = 0;
        for (int i = 0; i < 8; i++) {
          len = (len << 8) | in.read();
        }
      }
      byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : new byte[4];
      byte[] payload = in.readNBytes((int) len);
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i % 4];
      }
      int opcode = b0 & 0x0f;
      if (opcode == 8) {
        clientCloseFrames.incrementAndGet();
        send(out, 0x88, payload);
        return;
      }
      if (opcode == 9) {
        send(out, 0x8a, payload);
      } else if (opcode == 1) {
        onText(socket, out, index, JSON.readTree(payload));
      }
    }
  }

  private void onText(Socket socket, OutputStream out, int index, JsonNode message)
      throws IOException {
    switch (message.path("type").asText()) {
      case "connection_init" -> {
        inits.add(message.path("payload"));
        if (pingFirst) {
          text(out, "{\"type\":\"ping\"}");
        }
        text(out, "{\"type\":\"connection_ack\"}");
      }
      case "pong" -> pongs.add(message.toString());
      case "ping" -> {
        pings.incrementAndGet();
        if (index < silentConnections) {
          return; // a dead peer: no pong
        }
        text(out, "{\"type\":\"pong\"}");
      }
      case "complete" -> completes.add(message.path("id").asText());
      case "subscribe" -> {
        subscribes.add(message);
        String id = message.path("id").asText();
        if (refuseSubscribe) {
          text(
              out,
              "{\"id\":\""
                  + id
                  + "\",\"type\":\"error\",\"payload\":[{\"message\":\"Unknown product\","
                  + "\"extensions\":{\"code\":\"NOT_FOUND\"}}]}");
          return;
        }
        Thread t =
            new Thread(
                () -> {
                  try {
                    for (int i = 0; i < events; i++) {
                      if (index < silentConnections && i == dropAfter) {
                        return; // silent from now on, the socket left open
                      }
                      if (index < dropConnections && i == dropAfter) {
                        socket.close(); // a lost connection: no close frame
                        return;
                      }
                      Thread.sleep(intervalMillis);
                      text(out, next(id, i));
                      sent.incrementAndGet();
                    }
                    if (!hang) {
                      text(out, "{\"id\":\"" + id + "\",\"type\":\"complete\"}");
                    }
                  } catch (Exception gone) {
                    // the socket closed
                  }
                },
                "ws-stub-events");
        t.setDaemon(true);
        t.start();
      }
      default -> {}
    }
  }

  private static String next(String id, int i) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"next\",\"payload\":{\"data\":{\"stockChanged\":{\"id\":\"p-1\","
        + "\"name\":\"Desk lamp\",\"stock\":{\"available\":"
        + i
        + "}}}}}";
  }

  private static void text(OutputStream out, String text) throws IOException {
    send(out, 0x81, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(OutputStream out, int first, byte[] payload) throws IOException {
    synchronized (out) {
      ByteArrayOutputStream frame = new ByteArrayOutputStream();
      frame.write(first);
      if (payload.length < 126) {
        frame.write(payload.length);
      } else if (payload.length < 65536) {
        frame.write(126);
        frame.write(payload.length >> 8);
        frame.write(payload.length & 0xff);
      } else {
        frame.write(127);
        for (int i = 7; i >= 0; i--) {
          frame.write((int) ((long) payload.length >> (8 * i)) & 0xff);
        }
      }
      frame.write(payload);
      out.write(frame.toByteArray());
      out.flush();
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    if (b == -1 && line.length() == 0) {
      throw new IOException("closed");
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
