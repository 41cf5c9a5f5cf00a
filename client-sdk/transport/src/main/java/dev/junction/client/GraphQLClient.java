package dev.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.client.transport.CircuitOpenException;
import dev.junction.client.transport.HttpStatusException;
import dev.junction.client.transport.InvalidResponseException;
import dev.junction.client.transport.TransportConnectException;
import dev.junction.client.transport.TransportException;
import dev.junction.client.transport.TransportIoException;
import dev.junction.client.transport.TransportRequest;
import dev.junction.client.transport.TransportResponse;
import dev.junction.client.transport.TransportStream;
import dev.junction.client.transport.TransportTimeoutException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Executes generated {@link Operation}s over a {@link dev.junction.client.transport.Transport}:
 * per-call time-out, retries for queries, a circuit breaker, bearer auth, client-identification and
 * trace headers, and automatic persisted queries. Thread-safe; build one per endpoint with {@link
 * #builder(URI)}.
 */
public final class GraphQLClient {
  static final String PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND";
  static final String PERSISTED_QUERY_NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED";
  static final String INCREMENTAL_ACCEPT = "multipart/mixed;deferSpec=20220824, application/json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClientSettings settings;
  private final CircuitBreaker circuitBreaker;
  private final AtomicBoolean apq;
  private final GraphQLWsClient subscriptions;

  GraphQLClient(ClientSettings settings, CircuitBreaker circuitBreaker) {
    this.settings = settings;
    this.circuitBreaker = circuitBreaker;
    this.apq = new AtomicBoolean(settings.persistedQueries());
    this.subscriptions =
        new GraphQLWsClient(
            settings.subscriptionEndpoint(),
            settings.webSocketTransport(),
            settings,
            settings.subscriptionSettings());
  }

  /** Starts a builder for the given GraphQL endpoint. */
  public static GraphQLClientBuilder builder(URI endpoint) {
    return new GraphQLClientBuilder(endpoint);
  }

  /** The circuit breaker guarding this client (for metrics and state inspection). */
  public CircuitBreaker circuitBreaker() {
    return circuitBreaker;
  }

  /** Whether automatic persisted queries are currently in use. */
  public boolean persistedQueriesActive() {
    return apq.get();
  }

  /**
   * Executes the operation. GraphQL errors (with or without data) are returned in the result; only
   * transport failures throw.
   *
   * @throws TransportException on time-out, open circuit, non-2xx status or invalid response
   */
  public <D> GraphQLResult<D> execute(Operation<D> operation) {
    return execute(operation, settings.callTimeout());
  }

  /**
   * Executes the operation with a time-out for each HTTP exchange other than the client's default.
   *
   * @throws TransportException on time-out, open circuit, non-2xx status or invalid response
   */
  public <D> GraphQLResult<D> execute(Operation<D> operation, Duration callTimeout) {
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("callTimeout must be positive");
    }
    if (operation.incremental()) {
      return executeIncremental(operation, callTimeout);
    }
    boolean retryable = operation.type() == OperationType.QUERY;
    RetryPolicy policy = retryable ? settings.retryPolicy() : RetryPolicy.none();
    long deadline = System.nanoTime() + policy.totalBudget().toNanos();
    for (int attempt = 1; ; attempt++) {
      Duration timeout = callTimeout;
      if (retryable) {
        Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
        if (remaining.isNegative() || remaining.isZero()) {
          throw new TransportTimeoutException(
              "retry budget of " + policy.totalBudget() + " exhausted", null);
        }
        timeout = remaining.compareTo(timeout) < 0 ? remaining : timeout;
      }
      try {
        return toResult(operation, exchange(operation, timeout));
      } catch (TransportException e) {
        Duration wait = retryDelay(e, attempt, policy);
        if (!retryable || wait == null || attempt >= policy.maxAttempts()) {
          throw e;
        }
        if (System.nanoTime() + wait.toNanos() >= deadline) {
          throw e;
        }
        sleep(wait);
      }
    }
  }

  /**
   * A cold publisher of the operation's results over graphql-transport-ws: each subscriber starts
   * the operation at its first {@code request(n)} on the client's shared socket (opened on demand,
   * closed after the last subscription ends). Every {@code next} is a {@link GraphQLResult} (errors
   * are values); {@code onError} carries a {@link SubscriptionErrorException} (the server's {@code
   * error}), a {@link SubscriptionBufferOverflowException}, or the socket's last failure once
   * reconnection gave up; {@code onComplete} follows the server's {@code complete}. Cancelling
   * sends {@code complete}.
   */
  public <D> Flow.Publisher<GraphQLResult<D>> subscribe(Operation<D> operation) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("query", operation.document());
    payload.put("operationName", operation.operationName());
    payload.set("variables", operation.variables());
    return new SubscriptionPublisher<>(
        subscriptions, operation, payload, settings.subscriptionSettings().bufferSize());
  }

  /**
   * Callback form of {@link #subscribe(Operation)} with unbounded demand (still bounded by the
   * buffer). Close the returned handle to cancel.
   */
  public <D> AutoCloseable subscribe(
      Operation<D> operation,
      Consumer<GraphQLResult<D>> onNext,
      Consumer<Throwable> onError,
      Runnable onComplete) {
    AtomicReference<Flow.Subscription> handle = new AtomicReference<>();
    subscribe(operation)
        .subscribe(
            new Flow.Subscriber<GraphQLResult<D>>() {
              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                handle.set(subscription);
                subscription.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(GraphQLResult<D> item) {
                onNext.accept(item);
              }

              @Override
              public void onError(Throwable throwable) {
                onError.accept(throwable);
              }

              @Override
              public void onComplete() {
                onComplete.run();
              }
            });
    return () -> handle.get().cancel();
  }

  /** Subscriptions running on this client's socket. */
  public int activeSubscriptions() {
    return subscriptions.activeCount();
  }

  /**
   * An operation with {@code @defer}: one attempt (no retries, no persisted-query hash), {@code
   * Accept: multipart/mixed;deferSpec=20220824, application/json}; returns when the primary part is
   * in, the rest read on a daemon thread completing the deferred fragments' futures.
   */
  private <D> GraphQLResult<D> executeIncremental(Operation<D> operation, Duration timeout) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("query", operation.document());
    payload.put("operationName", operation.operationName());
    payload.set("variables", operation.variables());
    Map<String, String> headers = headers();
    headers.put("Accept", INCREMENTAL_ACCEPT);
    if (!circuitBreaker.tryAcquirePermission()) {
      throw new CircuitOpenException(
          "circuit breaker '" + circuitBreaker.getName() + "' is " + circuitBreaker.getState(),
          null);
    }
    long start = System.nanoTime();
    TransportStream stream;
    try {
      stream =
          settings
              .transport()
              .open(new TransportRequest(settings.endpoint(), headers, bytes(payload), timeout));
    } catch (TransportException e) {
      circuitBreaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      throw e;
    }
    boolean handedOver = false;
    try {
      if (stream.status() < 200 || stream.status() >= 300) {
        TransportResponse response =
            new TransportResponse(stream.status(), stream.headers(), stream.body().readAllBytes());
        HttpStatusException failure = new HttpStatusException(response);
        if (failure.countsAsFailure()) {
          circuitBreaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
        } else {
          circuitBreaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        throw failure;
      }
      circuitBreaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      DeferredParts parts = new DeferredParts();
      String boundary = MultipartReader.boundary(stream.header("Content-Type").orElse(null));
      if (boundary == null) {
        JsonNode body = JSON.readTree(stream.body().readAllBytes());
        if (body == null || !body.isObject()) {
          throw new InvalidResponseException("not a GraphQL response");
        }
        GraphQLResult<D> result = parts.parsePrimary(operation, body);
        parts.end(null);
        return result;
      }
      MultipartReader reader = new MultipartReader(stream.body(), boundary);
      JsonNode primary = reader.next();
      if (primary == null || !(primary.has("data") || primary.has("errors"))) {
        throw new InvalidResponseException("the incremental response has no initial part");
      }
      GraphQLResult<D> result = parts.parsePrimary(operation, primary);
      JsonNode root = primary.get("data");
      if (!primary.path("hasNext").asBoolean(false)) {
        parts.end(null);
        return result;
      }
      Thread reading =
          new Thread(
              () -> readRest(stream, reader, parts, root),
              "junction-defer-" + operation.operationName());
      reading.setDaemon(true);
      reading.start();
      handedOver = true;
      return result;
    } catch (IOException e) {
      throw new TransportIoException("I/O failure reading the incremental response", e);
    } finally {
      if (!handedOver) {
        closeQuietly(stream);
      }
    }
  }

  private static void readRest(
      TransportStream stream, MultipartReader reader, DeferredParts parts, JsonNode root) {
    try (stream) {
      JsonNode part;
      while ((part = reader.next()) != null) {
        for (JsonNode entry : part.path("incremental")) {
          parts.apply(root, entry);
        }
        if (!part.path("hasNext").asBoolean(true)) {
          break;
        }
      }
      parts.end(null);
    } catch (IOException | RuntimeException e) {
      parts.end(new TransportIoException("the incremental response broke off", e));
    }
  }

  private static void closeQuietly(TransportStream stream) {
    try {
      stream.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  /** Null when the failure is not retryable. */
  private static Duration retryDelay(TransportException e, int attempt, RetryPolicy policy) {
    Duration backoff = policy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
    if (e instanceof TransportConnectException) {
      return backoff;
    }
    if (e instanceof HttpStatusException status
        && (status.status() == 503 || status.status() == 504 || status.status() == 429)) {
      Duration retryAfter = status.retryAfter().orElse(Duration.ZERO);
      return retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
    }
    return null;
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportIoException("interrupted while waiting to retry", e);
    }
  }

  /** One logical attempt: hash-only first when APQ is on, then the full document if needed. */
  private JsonNode exchange(Operation<?> operation, Duration timeout) {
    long start = System.nanoTime();
    if (apq.get()) {
      TransportResponse hashOnly = send(payload(operation, false), timeout);
      JsonNode body = parseOrNull(hashOnly);
      if (hasErrorCode(body, PERSISTED_QUERY_NOT_FOUND)) {
        // not registered yet: fall through to the full document
      } else if (hasErrorCode(body, PERSISTED_QUERY_NOT_SUPPORTED)
          || (hashOnly.status() == 400 && !hasData(body))) {
        apq.set(false); // the server does not understand hash-only requests
      } else {
        return checked(hashOnly, body);
      }
      Duration left = timeout.minusNanos(System.nanoTime() - start);
      if (left.isNegative() || left.isZero()) {
        throw new TransportTimeoutException("no response within " + timeout, null);
      }
      timeout = left;
    }
    TransportResponse full = send(payload(operation, true), timeout);
    return checked(full, parseOrNull(full));
  }

  private TransportResponse send(ObjectNode payload, Duration timeout) {
    if (!circuitBreaker.tryAcquirePermission()) {
      throw new CircuitOpenException(
          "circuit breaker '" + circuitBreaker.getName() + "' is " + circuitBreaker.getState(),
          null);
    }
    long start = System.nanoTime();
    try {
      TransportResponse response =
          settings
              .transport()
              .send(new TransportRequest(settings.endpoint(), headers(), bytes(payload), timeout));
      long took = System.nanoTime() - start;
      if (response.status() >= 500 || response.status() == 429) {
        circuitBreaker.onError(took, TimeUnit.NANOSECONDS, new HttpStatusException(response));
      } else {
        circuitBreaker.onSuccess(took, TimeUnit.NANOSECONDS);
      }
      return response;
    } catch (TransportException e) {
      if (e.countsAsFailure()) {
        circuitBreaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      } else {
        circuitBreaker.releasePermission();
      }
      throw e;
    } catch (RuntimeException e) {
      circuitBreaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      throw e;
    }
  }

  private Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Accept", "application/graphql-response+json, application/json");
    headers.put("apollographql-client-name", settings.clientName());
    headers.put("apollographql-client-version", settings.clientVersion());
    if (settings.authTokenProvider() != null) {
      String token = settings.authTokenProvider().token();
      if (token != null && !token.isBlank()) {
        headers.put("Authorization", "Bearer " + token);
      }
    }
    if (settings.traceparent() != null) {
      String traceparent = settings.traceparent().get();
      if (traceparent != null && !traceparent.isBlank()) {
        headers.put("traceparent", traceparent);
      }
    }
    return headers;
  }

  private static ObjectNode payload(Operation<?> operation, boolean withDocument) {
    ObjectNode payload = JSON.createObjectNode();
    if (withDocument) {
      payload.put("query", operation.document());
    }
    payload.put("operationName", operation.operationName());
    payload.set("variables", operation.variables());
    ObjectNode pq = payload.putObject("extensions").putObject("persistedQuery");
    pq.put("version", 1);
    pq.put("sha256Hash", operation.operationId());
    return payload;
  }

  private static byte[] bytes(ObjectNode payload) {
    try {
      return JSON.writeValueAsBytes(payload);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise request", e);
    }
  }

  private static JsonNode parseOrNull(TransportResponse response) {
    if (response.body().length == 0) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(response.body());
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static JsonNode checked(TransportResponse response, JsonNode body) {
    if (!response.successful()) {
      throw new HttpStatusException(response);
    }
    if (body == null || !(body.has("data") || body.has("errors"))) {
      throw new InvalidResponseException(
          "HTTP " + response.status() + " without a GraphQL response body (data or errors)");
    }
    return body;
  }

  private static boolean hasData(JsonNode body) {
    return body != null && body.hasNonNull("data");
  }

  private static boolean hasErrorCode(JsonNode body, String code) {
    if (body == null || !body.path("errors").isArray()) {
      return false;
    }
    for (JsonNode error : body.get("errors")) {
      if (code.equals(error.path("extensions").path("code").asText(null))
          || code.equals(error.path("message").asText(null))) {
        return true;
      }
    }
    return false;
  }

  static <D> GraphQLResult<D> toResult(Operation<D> operation, JsonNode body) {
    JsonNode errorsNode = body.path("errors");
    if (!errorsNode.isMissingNode() && !errorsNode.isNull() && !errorsNode.isArray()) {
      throw new InvalidResponseException("'errors' is not a list");
    }
    List<GraphQLError> errors = new ArrayList<>();
    for (JsonNode error : errorsNode) {
      errors.add(ErrorParsing.error(error));
    }
    JsonNode dataNode = body.get("data");
    D data = null;
    if (dataNode != null && !dataNode.isNull()) {
      if (!dataNode.isObject()) {
        throw new InvalidResponseException("'data' is not an object");
      }
      data = operation.parseData(dataNode);
    }
    if (data == null && errors.isEmpty()) {
      throw new InvalidResponseException("response has neither data nor errors");
    }
    JsonNode extensions = body.get("extensions");
    return new GraphQLResult<>(
        data, errors, extensions == null || extensions.isNull() ? null : extensions);
  }
}
