package dev.junction.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;

/**
 * GraphQL over HTTP to the gateway process, one connection per request ({@code Connection: close}),
 * so that a test counting the gateway's sockets sees no idle client connections.
 */
final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final byte[] DELIMITER = "\r\n--graphql".getBytes(StandardCharsets.US_ASCII);

  private Http() {}

  /** A multipart ({@code @defer}) answer: its parts, and when each and the whole had arrived. */
  record Multipart(
      String contentType, List<Map<String, Object>> parts, List<Long> partNanos, long wholeNanos) {}

  private static HttpClient client(String token, String accept) {
    return HttpClient.create()
        .keepAlive(false)
        .responseTimeout(TIMEOUT)
        .headers(
            h -> {
              h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
              h.set(HttpHeaderNames.ACCEPT, accept);
              if (token != null) {
                h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
              }
            });
  }

  private static String body(String query, Map<String, Object> variables) {
    try {
      return JSON.writeValueAsString(Map.of("query", query, "variables", variables));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Mono<Map<String, Object>> post(
      String url, String query, Map<String, Object> variables, String token) {
    return client(token, "application/json")
        .post()
        .uri(url)
        .send(ByteBufMono.fromString(Mono.just(body(query, variables))))
        .responseSingle((res, content) -> content.asString(StandardCharsets.UTF_8))
        .map(
            s -> {
              try {
                return (Map<String, Object>) JSON.readValue(s, Map.class);
              } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + s, e);
              }
            });
  }

  static Map<String, Object> postJson(
      String url, String query, Map<String, Object> variables, String token) {
    return post(url, query, variables, token).block(TIMEOUT);
  }

  static CompletableFuture<Map<String, Object>> postJsonAsync(
      String url, String query, Map<String, Object> variables, String token) {
    return post(url, query, variables, token).toFuture();
  }

  /** Posts accepting {@code multipart/mixed}; times are measured from the request's start. */
  @SuppressWarnings("unchecked")
  static Multipart postMultipart(
      String url, String query, Map<String, Object> variables, String token) throws Exception {
    long start = System.nanoTime();
    List<long[]> arrivals = new ArrayList<>(); // {end offset, nanos since start}
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String[] contentType = new String[1];
    client(token, "multipart/mixed;deferSpec=20220824, application/json")
        .post()
        .uri(url)
        .send(ByteBufMono.fromString(Mono.just(body(query, variables))))
        .response(
            (res, content) -> {
              contentType[0] = res.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE);
              return content
                  .asByteArray()
                  .doOnNext(
                      b -> {
                        synchronized (bytes) {
                          bytes.write(b, 0, b.length);
                          arrivals.add(new long[] {bytes.size(), System.nanoTime() - start});
                        }
                      });
            })
        .then()
        .block(TIMEOUT);
    long whole = System.nanoTime() - start;
    byte[] all = bytes.toByteArray();
    List<Integer> delimiters = new ArrayList<>();
    for (int i = 0; i + DELIMITER.length <= all.length; i++) {
      if (java.util.Arrays.equals(all, i, i + DELIMITER.length, DELIMITER, 0, DELIMITER.length)) {
        delimiters.add(i);
      }
    }
    List<Map<String, Object>> parts = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    for (int k = 0; k + 1 < delimiters.size(); k++) {
      String part =
          new String(
              all,
              delimiters.get(k),
              delimiters.get(k + 1) - delimiters.get(k),
              StandardCharsets.UTF_8);
      int json = part.indexOf("\r\n\r\n");
      parts.add(JSON.readValue(part.substring(json + 4), Map.class));
      int end = delimiters.get(k + 1);
      times.add(
          arrivals.stream().filter(a -> a[0] >= end - 1).findFirst().map(a -> a[1]).orElse(whole));
    }
    if (parts.isEmpty()) {
      throw new AssertionError(
          "not a multipart answer: " + new String(all, StandardCharsets.UTF_8));
    }
    return new Multipart(contentType[0], parts, times, whole);
  }
}
