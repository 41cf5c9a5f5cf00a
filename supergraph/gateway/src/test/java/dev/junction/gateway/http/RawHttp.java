package dev.junction.gateway.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, one request per connection, for requests the JDK client refuses to
 * send (invalid percent escapes, repeated content types, odd header bytes).
 */
final class RawHttp {
  /** Status, headers (lower-cased names, as one block) and body of a response. */
  record Response(int status, String headers, byte[] body) {}

  private RawHttp() {}

  static Response send(int port, String method, String target, List<String[]> headers, byte[] body)
      throws IOException {
    return sendFrom(null, port, method, target, headers, body);
  }

  /** As {@link #send}, from the local address {@code localIp} (any 127.x.y.z), or any when null. */
  static Response sendFrom(
      String localIp, int port, String method, String target, List<String[]> headers, byte[] body)
      throws IOException {
    try (Socket socket = new Socket()) {
      if (localIp != null) {
        socket.bind(new InetSocketAddress(localIp, 0));
      }
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(10_000);
      ByteArrayOutputStream request = new ByteArrayOutputStream();
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      head.append("host: 127.0.0.1:").append(port).append("\r\nconnection: close\r\n");
      for (String[] kv : headers) {
        head.append(kv[0]).append(": ").append(kv[1]).append("\r\n");
      }
      if (body.length > 0 || method.equals("POST")) {
        head.append("content-length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      request.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      request.write(body);
      OutputStream out = socket.getOutputStream();
      out.write(request.toByteArray());
      out.flush();
      byte[] all = socket.getInputStream().readAllBytes();
      return parse(all);
    }
  }

  private static Response parse(byte[] all) throws IOException {
    int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    if (end < 0) {
      throw new IOException("no complete response head in " + all.length + " bytes");
    }
    String head = new String(all, 0, end, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    String headers = head.substring(lines[0].length()).toLowerCase(Locale.ROOT);
    byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
    if (headers.contains("transfer-encoding: chunked")) {
      rest = dechunk(rest);
    }
    return new Response(status, headers, rest);
  }

  private static byte[] dechunk(byte[] in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream s = new java.io.ByteArrayInputStream(in);
    while (true) {
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = s.read()) != '\n') {
        if (c < 0) {
          throw new IOException("truncated chunk");
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      int size = Integer.parseInt(line.toString().split(";")[0].trim(), 16);
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(s.readNBytes(size));
      s.read();
      s.read();
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
