package dev.junction.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free loopback port in front of one local port, for HTTP and WebSocket alike: it
 * can delay every chunk a caller sends ({@link #delay}), or hold them ({@link #hold}) until {@link
 * #release} (at most {@link #MAX_HOLD}). One thread per direction and connection.
 */
final class TcpProxy implements AutoCloseable {
  static final Duration MAX_HOLD = Duration.ofSeconds(20);

  private final ServerSocket server;
  private final int targetPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  final AtomicInteger connections = new AtomicInteger();
  private volatile Duration delay = Duration.ZERO;
  private volatile CountDownLatch gate = new CountDownLatch(0);

  TcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "tcp-proxy-" + targetPort);
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** The base URL of the proxied HTTP server through this proxy. */
  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Delays every chunk sent to the target by {@code d} (zero: none). */
  void delay(Duration d) {
    delay = d;
  }

  /** Holds what callers send until {@link #release}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  void release() {
    gate.countDown();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        client.setTcpNoDelay(true);
        target.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(target);
        connections.incrementAndGet();
        pump(client, target, true);
        pump(target, client, false);
      } catch (IOException e) {
        // closed, or the target is down: the caller's socket is dropped
      }
    }
  }

  private void pump(Socket from, Socket to, boolean toTarget) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                  if (toTarget) {
                    gate.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS);
                    Duration d = delay;
                    if (!d.isZero()) {
                      Thread.sleep(d.toMillis());
                    }
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
                to.shutdownOutput();
              } catch (IOException | InterruptedException e) {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    release();
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    sockets.forEach(TcpProxy::closeQuietly);
  }
}
