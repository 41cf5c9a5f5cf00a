package dev.junction.gateway.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/** Reading a request: its body within a size limit, its headers by lower-cased name. */
final class Requests {
  // An oversized body up to this size is read and discarded (never buffered) before the 413 or a
  // refusal is sent: answering while the client still writes resets the connection and loses the
  // answer (seen with 2.2 MB bodies on a loaded machine). Larger bodies close the connection.
  static final long MAX_SWALLOW_BYTES = 16L * 1024 * 1024;
  static final Duration SWALLOW_TIMEOUT = Duration.ofSeconds(1);

  private Requests() {}

  /** The whole body, at most {@code max} bytes (else an {@link HttpError} 413). */
  static Mono<byte[]> body(HttpServerRequest request, long max) {
    String declared = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
    if (declared != null) {
      try {
        long length = Long.parseLong(declared.trim());
        if (length > max) {
          if (length > MAX_SWALLOW_BYTES) {
            return Mono.error(tooLarge(max));
          }
          // Read and discard a moderately oversized body before answering: closing a connection
          // with unread data resets it, and the client may lose the 413 (Tomcat swallows too).
          return request
              .receive()
              .then()
              .timeout(SWALLOW_TIMEOUT, Mono.empty())
              .then(Mono.error(tooLarge(max)));
        }
      } catch (NumberFormatException e) {
        return Mono.error(HttpError.badRequest("Invalid Content-Length"));
      }
    }
    return request
        .receive()
        .asByteArray()
        .reduce(
            new ByteArrayOutputStream(),
            (out, chunk) -> {
              if ((long) out.size() + chunk.length > max) {
                throw tooLarge(max);
              }
              out.writeBytes(chunk);
              return out;
            })
        .map(ByteArrayOutputStream::toByteArray);
  }

  private static HttpError tooLarge(long max) {
    return new HttpError(
        413, "PAYLOAD_TOO_LARGE", "The request body is larger than the limit of " + max + " bytes");
  }

  /** Request headers with lower-cased names; repeated headers keep every value. */
  static Map<String, List<String>> headers(HttpServerRequest request) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : request.requestHeaders()) {
      out.computeIfAbsent(entry.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(entry.getValue());
    }
    out.replaceAll((name, values) -> List.copyOf(values));
    return Map.copyOf(out);
  }
}
