package dev.junction.client;

import dev.junction.client.transport.JdkHttpTransport;
import dev.junction.client.transport.JdkWebSocketTransport;
import dev.junction.client.transport.Transport;
import dev.junction.client.transport.WebSocketTransport;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/** Configures a {@link GraphQLClient}. Every setting has a sensible default. */
public final class GraphQLClientBuilder {
  private final URI endpoint;
  private Transport transport;
  private Duration callTimeout = Duration.ofSeconds(5);
  private RetryPolicy retryPolicy = RetryPolicy.defaults();
  private AuthTokenProvider authTokenProvider;
  private String clientName = "junction-java-sdk";
  private String clientVersion = "0.1.0";
  private Supplier<String> traceparent;
  private boolean persistedQueries = true;
  private CircuitBreaker circuitBreaker;
  private URI subscriptionEndpoint;
  private WebSocketTransport webSocketTransport;
  private SubscriptionSettings subscriptionSettings = SubscriptionSettings.defaults();

  GraphQLClientBuilder(URI endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
  }

  /** The HTTP adapter; default: {@link JdkHttpTransport} with a 2 s connect time-out. */
  public GraphQLClientBuilder transport(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
    return this;
  }

  /** Time allowed for one HTTP exchange (default 5 s). */
  public GraphQLClientBuilder callTimeout(Duration callTimeout) {
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("callTimeout must be positive");
    }
    this.callTimeout = callTimeout;
    return this;
  }

  /** Retry policy for queries (mutations are never retried). */
  public GraphQLClientBuilder retryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    return this;
  }

  /** Called per request for the {@code Authorization: Bearer} token. */
  public GraphQLClientBuilder authTokenProvider(AuthTokenProvider authTokenProvider) {
    this.authTokenProvider = authTokenProvider;
    return this;
  }

  /** {@code apollographql-client-name} and {@code apollographql-client-version}. */
  public GraphQLClientBuilder clientIdentity(String name, String version) {
    this.clientName = Objects.requireNonNull(name, "name");
    this.clientVersion = Objects.requireNonNull(version, "version");
    return this;
  }

  /** Supplies the W3C {@code traceparent} to pass through (null result: none). */
  public GraphQLClientBuilder traceparent(Supplier<String> traceparent) {
    this.traceparent = traceparent;
    return this;
  }

  /** Automatic persisted queries (default on). */
  public GraphQLClientBuilder persistedQueries(boolean enabled) {
    this.persistedQueries = enabled;
    return this;
  }

  /**
   * The graphql-transport-ws endpoint for subscriptions; default: the HTTP endpoint with {@code
   * ws}/{@code wss}.
   */
  public GraphQLClientBuilder subscriptionEndpoint(URI subscriptionEndpoint) {
    this.subscriptionEndpoint =
        Objects.requireNonNull(subscriptionEndpoint, "subscriptionEndpoint");
    return this;
  }

  /** The WebSocket adapter; default: {@link JdkWebSocketTransport} with a 2 s connect time-out. */
  public GraphQLClientBuilder webSocketTransport(WebSocketTransport webSocketTransport) {
    this.webSocketTransport = Objects.requireNonNull(webSocketTransport, "webSocketTransport");
    return this;
  }

  /** Reconnection, buffering and ack time-out of subscriptions. */
  public GraphQLClientBuilder subscriptionSettings(SubscriptionSettings subscriptionSettings) {
    this.subscriptionSettings =
        Objects.requireNonNull(subscriptionSettings, "subscriptionSettings");
    return this;
  }

  /** A caller-configured Resilience4j circuit breaker. */
  public GraphQLClientBuilder circuitBreaker(CircuitBreaker circuitBreaker) {
    this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker");
    return this;
  }

  /** A circuit breaker with the given configuration. */
  public GraphQLClientBuilder circuitBreaker(CircuitBreakerConfig config) {
    return circuitBreaker(CircuitBreaker.of("graphql:" + endpoint, config));
  }

  /**
   * The default breaker: opens when at least half of the last 10 calls (minimum 5) failed, stays
   * open 10 s, then lets 2 trial calls through.
   */
  public static CircuitBreakerConfig defaultCircuitBreakerConfig() {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(10)
        .minimumNumberOfCalls(5)
        .failureRateThreshold(50)
        .waitDurationInOpenState(Duration.ofSeconds(10))
        .permittedNumberOfCallsInHalfOpenState(2)
        .build();
  }

  /** Builds the client. */
  public GraphQLClient build() {
    Transport t = transport != null ? transport : new JdkHttpTransport(Duration.ofSeconds(2));
    CircuitBreaker cb =
        circuitBreaker != null
            ? circuitBreaker
            : CircuitBreaker.of("graphql:" + endpoint, defaultCircuitBreakerConfig());
    return new GraphQLClient(
        new ClientSettings(
            endpoint,
            t,
            callTimeout,
            retryPolicy,
            authTokenProvider,
            clientName,
            clientVersion,
            traceparent,
            persistedQueries,
            subscriptionEndpoint != null ? subscriptionEndpoint : webSocketUri(endpoint),
            webSocketTransport != null
                ? webSocketTransport
                : new JdkWebSocketTransport(Duration.ofSeconds(2)),
            subscriptionSettings),
        cb);
  }

  private static URI webSocketUri(URI http) {
    String scheme = "https".equalsIgnoreCase(http.getScheme()) ? "wss" : "ws";
    return URI.create(scheme + http.toString().substring(http.getScheme().length()));
  }
}
