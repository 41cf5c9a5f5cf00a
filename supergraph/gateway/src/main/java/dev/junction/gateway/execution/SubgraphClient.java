package dev.junction.gateway.execution;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Non-blocking HTTP client for one subgraph, with its own keep-alive connection pool. Sends a
 * GraphQL request and returns the decoded JSON response.
 */
public final class SubgraphClient implements AutoCloseable {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(SubgraphClient.class);
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final String name;
  private final String url;
  private final ConnectionProvider pool;
  private final HttpClient http;

  /**
   * The outcome of one call: a decoded body, or a transport/format failure.
   *
   * @param body the decoded GraphQL response, null on failure
   * @param failureCode the error code ({@code extensions.code}) of a failure, null on success
   * @param failureMessage what went wrong, null on success
   * @param retryable whether another attempt may succeed (connect error, HTTP 502/503/504)
   * @param retryAfter the subgraph's {@code Retry-After}, or null
   */
  public record Result(
      Map<String, Object> body,
      String failureCode,
      String failureMessage,
      boolean retryable,
      Duration retryAfter) {
    public Result(Map<String, Object> body, String failureCode, String failureMessage) {
      this(body, failureCode, failureMessage, false, null);
    }

    static Result ok(Map<String, Object> body) {
      return new Result(body, null, null);
    }

    /** A failure that another attempt would not change. */
    public static Result failed(String code, String message) {
      return new Result(null, code, message);
    }

    public boolean failed() {
      return failureCode != null;
    }

    /** The same result with a deep copy of the body, for callers that mutate it. */
    public Result copy() {
      return body == null
          ? this
          : new Result(deepCopy(body), failureCode, failureMessage, retryable, retryAfter);
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
      if (value instanceof Map<?, ?> m) {
        JsonObject out = new JsonObject(Math.max(2, m.size()));
        m.forEach((k, v) -> out.put((String) k, deepCopy(v)));
        return (T) out;
      }
      if (value instanceof List<?> l) {
        List<Object> out = new java.util.ArrayList<>(l.size());
        l.forEach(v -> out.add(deepCopy(v)));
        return (T) out;
      }
      return value;
    }
  }

  /**
   * @param name the subgraph name (for messages and the pool name)
   * @param url the subgraph's GraphQL endpoint
   * @param timeout transport time-out: connecting, and waiting for the response
   * @param maxConnections size of the connection pool
   */
  public SubgraphClient(String name, String url, Duration timeout, int maxConnections) {
    this.name = name;
    this.url = url;
    this.pool =
        ConnectionProvider.builder("subgraph-" + name)
            .maxConnections(maxConnections)
            .pendingAcquireMaxCount(-1)
            .maxIdleTime(Duration.ofSeconds(30))
            .build();
    this.http =
        HttpClient.create(pool)
            .responseTimeout(timeout)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())))
            .keepAlive(true)
            .headers(
                h ->
                    h.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                        .set(HttpHeaderNames.ACCEPT, "application/json"));
  }

  public String name() {
    return name;
  }

  public String url() {
    return url;
  }

  /** Posts {@code {query, variables}} and decodes the answer; never signals an error. */
  public Mono<Result> send(
      String query, Map<String, Object> variables, Map<String, List<String>> headers) {
    byte[] bytes;
    try {
      bytes = encode(query, variables);
    } catch (IOException e) {
      return Mono.just(Result.failed(GraphQLErrors.INTERNAL, "could not encode request"));
    }
    return send(bytes, headers);
  }

  /** The JSON request body {@code {query, variables}}. */
  public static byte[] encode(String query, Map<String, Object> variables) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", query);
    if (!variables.isEmpty()) {
      body.put("variables", variables);
    }
    return JSON.writeValueAsBytes(body);
  }

  /** Posts an encoded request body and decodes the answer; never signals an error. */
  public Mono<Result> send(byte[] requestBody, Map<String, List<String>> headers) {
    return send(requestBody, headers, false);
  }

  /**
   * Posts a request body; with {@code idempotent} (queries), a request that a pooled keep-alive
   * connection lost before any response (the subgraph closed it while idle) is sent once more on a
   * fresh connection.
   */
  public Mono<Result> send(
      byte[] requestBody, Map<String, List<String>> headers, boolean idempotent) {
    Mono<Result> call = exchange(requestBody, headers);
    if (idempotent) {
      call =
          call.onErrorResume(
              SubgraphClient::isStaleConnection, e -> exchange(requestBody, headers));
    }
    return call.onErrorResume(
        e ->
            Mono.just(
                new Result(
                    null,
                    isTimeout(e)
                        ? GraphQLErrors.SUBGRAPH_TIMEOUT
                        : GraphQLErrors.SUBGRAPH_UNAVAILABLE,
                    describe(e),
                    isConnectError(e),
                    null)));
  }

  private static boolean isStaleConnection(Throwable e) {
    return e instanceof reactor.netty.http.client.PrematureCloseException
        && String.valueOf(e.getMessage()).contains("BEFORE response");
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof io.netty.handler.timeout.ReadTimeoutException
          || t instanceof java.util.concurrent.TimeoutException) {
        return true;
      }
    }
    return false;
  }

  private Mono<Result> exchange(byte[] requestBody, Map<String, List<String>> headers) {
    // headers are set on the request itself: HttpClient.headers(...) would copy the client's
    // whole configuration for every call
    return http.post()
        .uri(url)
        .send(
            (request, out) -> {
              for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                request.requestHeaders().set(e.getKey(), e.getValue());
              }
              return out.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(requestBody)));
            })
        .responseSingle(
            (response, content) ->
                content
                    .asInputStream()
                    .map(
                        in ->
                            decode(
                                response.status().code(),
                                response.responseHeaders().get(HttpHeaderNames.RETRY_AFTER),
                                in))
                    .switchIfEmpty(
                        Mono.fromSupplier(
                            () ->
                                decode(
                                    response.status().code(),
                                    response.responseHeaders().get(HttpHeaderNames.RETRY_AFTER),
                                    null))));
  }

  private static boolean isConnectError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof ConnectTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException e) {
      // an HTTP date
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Decodes a response body (streamed from the connection's buffers) and releases it. */
  private Result decode(int status, String retryAfter, InputStream body) {
    try (InputStream in = body) {
      return decodeOpen(status, retryAfter, in);
    } catch (IOException e) {
      return Result.failed(
          GraphQLErrors.SUBGRAPH_INVALID_RESPONSE,
          "Subgraph '" + name + "' returned an unreadable body (HTTP " + status + ")");
    }
  }

  @SuppressWarnings("unchecked")
  private Result decodeOpen(int status, String retryAfter, InputStream body) {
    if (status == 502 || status == 503 || status == 504) {
      return new Result(
          null,
          GraphQLErrors.SUBGRAPH_UNAVAILABLE,
          "HTTP fetch failed from '" + name + "': " + status,
          true,
          retryAfter(retryAfter));
    }
    if (status >= 500 || status == 429 || status == 408) {
      return Result.failed(
          GraphQLErrors.SUBGRAPH_UNAVAILABLE, "HTTP fetch failed from '" + name + "': " + status);
    }
    Object parsed;
    try {
      parsed = body == null ? null : JsonReader.read(body);
    } catch (IOException e) {
      if (status >= 400) {
        return Result.failed(
            GraphQLErrors.SUBGRAPH_UNAVAILABLE, "HTTP fetch failed from '" + name + "': " + status);
      }
      return Result.failed(
          GraphQLErrors.SUBGRAPH_INVALID_RESPONSE,
          "Subgraph '" + name + "' returned invalid JSON (HTTP " + status + ")");
    }
    boolean graphql =
        parsed instanceof Map<?, ?> m && (m.containsKey("data") || m.containsKey("errors"));
    if (!graphql && status >= 400) {
      // a 4xx without a GraphQL body (404 from a wrong URL, 401 from a proxy): not a subgraph
      // answer
      return Result.failed(
          GraphQLErrors.SUBGRAPH_UNAVAILABLE, "HTTP fetch failed from '" + name + "': " + status);
    }
    if (!(parsed instanceof Map<?, ?> map) || !graphql) {
      return Result.failed(
          GraphQLErrors.SUBGRAPH_INVALID_RESPONSE,
          "Subgraph '" + name + "' returned no GraphQL response (HTTP " + status + ")");
    }
    return Result.ok((Map<String, Object>) map);
  }

  /**
   * What a client may read about a transport failure: no exception message (it can name internal
   * hosts and addresses) and no class name.
   */
  private String describe(Throwable e) {
    String kind = e.getClass().getSimpleName();
    if (kind.contains("Timeout")) {
      return "Subgraph '" + name + "' did not answer in time";
    }
    log.debug("HTTP fetch from '{}' failed", name, e);
    return "HTTP fetch failed from '"
        + name
        + "': "
        + (isConnectError(e) ? "connection failed" : "no response");
  }

  @Override
  public void close() {
    pool.dispose();
  }
}
