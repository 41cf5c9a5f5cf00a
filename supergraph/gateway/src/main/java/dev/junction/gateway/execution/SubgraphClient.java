package dev.junction.gateway.execution;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import java.io.IOException;
import java.time.Duration;
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
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final String name;
  private final String url;
  private final ConnectionProvider pool;
  private final HttpClient http;

  /** The outcome of one call: a decoded body, or a transport/format failure. */
  public record Result(Map<String, Object> body, String failureCode, String failureMessage) {
    static Result ok(Map<String, Object> body) {
      return new Result(body, null, null);
    }

    static Result failed(String code, String message) {
      return new Result(null, code, message);
    }

    public boolean failed() {
      return failureCode != null;
    }
  }

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
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", query);
    if (!variables.isEmpty()) {
      body.put("variables", variables);
    }
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      return Mono.just(Result.failed(GraphQLErrors.INTERNAL, "could not encode request"));
    }
    ByteBuf payload = Unpooled.wrappedBuffer(bytes);
    return http.headers(
            h -> {
              for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                h.set(e.getKey(), e.getValue());
              }
            })
        .post()
        .uri(url)
        .send(Mono.just(payload))
        .responseSingle(
            (response, content) ->
                content
                    .asByteArray()
                    .defaultIfEmpty(new byte[0])
                    .map(b -> decode(response.status().code(), b)))
        .onErrorResume(
            e -> Mono.just(Result.failed(GraphQLErrors.SUBGRAPH_UNAVAILABLE, describe(e))));
  }

  @SuppressWarnings("unchecked")
  private Result decode(int status, byte[] body) {
    if (status >= 500 || status == 429 || status == 408) {
      return Result.failed(
          GraphQLErrors.SUBGRAPH_UNAVAILABLE, "HTTP fetch failed from '" + name + "': " + status);
    }
    Object parsed;
    try {
      parsed = body.length == 0 ? null : JSON.readValue(body, Object.class);
    } catch (IOException e) {
      return Result.failed(
          GraphQLErrors.SUBGRAPH_INVALID_RESPONSE,
          "Subgraph '" + name + "' returned invalid JSON (HTTP " + status + ")");
    }
    if (!(parsed instanceof Map<?, ?> map)
        || !(map.containsKey("data") || map.containsKey("errors"))) {
      return Result.failed(
          GraphQLErrors.SUBGRAPH_INVALID_RESPONSE,
          "Subgraph '" + name + "' returned no GraphQL response (HTTP " + status + ")");
    }
    return Result.ok((Map<String, Object>) map);
  }

  private String describe(Throwable e) {
    String kind = e.getClass().getSimpleName();
    if (kind.contains("Timeout")) {
      return "Subgraph '" + name + "' did not answer in time";
    }
    return "HTTP fetch failed from '"
        + name
        + "': "
        + (e.getMessage() == null ? kind : e.getMessage());
  }

  @Override
  public void close() {
    pool.dispose();
  }
}
