package dev.junction.gateway.http;

import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.GatewayResponse;
import dev.junction.gateway.Identity;
import dev.junction.gateway.auth.AuthenticationException;
import dev.junction.gateway.auth.Authenticator;
import dev.junction.gateway.config.CorsConfig;
import dev.junction.gateway.config.CsrfConfig;
import dev.junction.gateway.config.RateLimitConfig;
import dev.junction.gateway.config.ServerConfig;
import dev.junction.gateway.config.SubscriptionConfig;
import dev.junction.gateway.subscription.SubscriptionTransports;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The gateway's HTTP server (reactor-netty, non-blocking): {@code POST|GET /graphql} per GraphQL
 * over HTTP, GraphiQL at {@code /} (and {@code GET /graphql} from a browser), {@code GET /health},
 * CORS per config, {@code GET /metrics} (Prometheus text format) when given a registry, and load
 * shedding: beyond {@code maxInFlight} GraphQL requests at once, 503 with {@code Retry-After}
 * without touching the engine. Start with {@link #start()}, stop with {@link #shutdown(Duration)}.
 */
public final class GatewayHttpServer {
  private static final Logger log = LoggerFactory.getLogger(GatewayHttpServer.class);
  private static final String GRAPHQL_PATH = "/graphql";
  private static final String ASSET_PREFIX = "/graphiql/";
  private static final byte[] HEALTH_UP = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] HEALTH_DRAINING =
      "{\"status\":\"DRAINING\"}".getBytes(StandardCharsets.UTF_8);

  /** Error code of a request refused by CSRF prevention (Apollo Router's code). */
  public static final String CSRF_ERROR = "CSRF_ERROR";

  /** Error code of a request over its client's rate limit. */
  public static final String RATE_LIMITED = "RATE_LIMITED";

  private final GraphQLHandler handler;
  private final Authenticator authenticator;
  private final ServerConfig config;
  private final CorsPolicy cors;
  private final GraphiQLAssets graphiql;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger graphqlInFlight = new AtomicInteger();
  private final int maxInFlight;
  private final PrometheusMeterRegistry metrics;
  private final Counter shed;
  private final Counter csrfRejected;
  private final Counter rateLimited;
  private final CsrfConfig csrf;
  private final ClientRateLimiter limiter;
  private final AtomicLong errorIds = new AtomicLong();
  private final AtomicBoolean draining = new AtomicBoolean();
  private volatile DisposableServer server;
  private final ClientKeys clientKeys;
  private volatile SubscriptionTransports subscriptions;

  /**
   * @param handler executes decoded requests
   * @param config listen address, body limit, GraphiQL switch
   * @param cors cross-origin policy
   */
  public GatewayHttpServer(GraphQLHandler handler, ServerConfig config, CorsConfig cors) {
    this(handler, config, cors, 0, null);
  }

  /**
   * @param handler executes decoded requests
   * @param config listen address, body limit, GraphiQL switch
   * @param cors cross-origin policy
   * @param maxInFlight GraphQL requests served at once; more are shed with 503 (0: no limit)
   * @param metrics served at {@code /metrics}, and where shed requests are counted; null for none
   */
  public GatewayHttpServer(
      GraphQLHandler handler,
      ServerConfig config,
      CorsConfig cors,
      int maxInFlight,
      PrometheusMeterRegistry metrics) {
    this(
        handler,
        config,
        cors,
        maxInFlight,
        metrics,
        CsrfConfig.defaults(),
        RateLimitConfig.disabled(),
        Authenticator.NONE);
  }

  /**
   * @param handler executes decoded requests
   * @param config listen address, body limit, GraphiQL switch
   * @param cors cross-origin policy
   * @param maxInFlight GraphQL requests served at once; more are shed with 503 (0: no limit)
   * @param metrics served at {@code /metrics}, and where refused requests are counted; null for
   *     none
   * @param csrf CSRF prevention: requests a browser would send without a preflight get 400
   * @param rateLimit per-client rate limiting: requests over a client's allowance get 429
   * @param authenticator checks each GraphQL request's bearer token before its body is read (a
   *     refused token is a 401 {@code UNAUTHENTICATED}); {@link Authenticator#NONE} for none
   */
  public GatewayHttpServer(
      GraphQLHandler handler,
      ServerConfig config,
      CorsConfig cors,
      int maxInFlight,
      PrometheusMeterRegistry metrics,
      CsrfConfig csrf,
      RateLimitConfig rateLimit,
      Authenticator authenticator) {
    this.csrf = Objects.requireNonNull(csrf, "csrf");
    Objects.requireNonNull(rateLimit, "rateLimit");
    this.limiter = rateLimit.enabled() ? new ClientRateLimiter(rateLimit) : null;
    this.clientKeys = new ClientKeys(rateLimit);
    this.handler = Objects.requireNonNull(handler, "handler");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.config = Objects.requireNonNull(config, "config");
    this.cors = new CorsPolicy(Objects.requireNonNull(cors, "cors"));
    this.graphiql = config.graphiql() ? GraphiQLAssets.load() : null;
    this.maxInFlight = maxInFlight;
    this.metrics = metrics;
    this.shed =
        Counter.builder("junction.requests.shed")
            .description("Client requests refused with 503 because max_in_flight was reached")
            .register(metrics == null ? new SimpleMeterRegistry() : metrics);
    this.csrfRejected =
        Counter.builder("junction.requests.csrf_rejected")
            .description("Client requests refused with 400 CSRF_ERROR (no preflight possible)")
            .register(metrics == null ? new SimpleMeterRegistry() : metrics);
    this.rateLimited =
        Counter.builder("junction.requests.rate_limited")
            .description("Client requests refused with 429 because their client was over its rate")
            .register(metrics == null ? new SimpleMeterRegistry() : metrics);
    if (metrics != null) {
      Gauge.builder("junction.requests.in_flight", graphqlInFlight, AtomicInteger::get)
          .description("GraphQL requests being served")
          .register(metrics);
    }
  }

  /**
   * Serves subscriptions on {@code /graphql} (graphql-transport-ws WebSockets, and SSE for requests
   * accepting {@code text/event-stream}) unless {@code config.enabled()} is false; call before
   * {@link #start()}. Without it subscriptions get 406 {@code SUBSCRIPTION_TRANSPORT_REQUIRED}.
   */
  public GatewayHttpServer subscriptions(SubscriptionConfig config) {
    this.subscriptions =
        config.enabled() ? new SubscriptionTransports(handler::open, authenticator, config) : null;
    return this;
  }

  /**
   * Binds the listen address and starts serving.
   *
   * @throws IllegalStateException when the address cannot be bound (message says why)
   */
  public GatewayHttpServer start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    try {
      server =
          HttpServer.create()
              .host(config.host())
              .port(config.port())
              // headers up to 32 KB reach the gateway, so a bearer token over
              // authentication.max_token_bytes (8192 by default) gets its 401: with Netty's
              // default 8 KB for all headers together it got an empty 431 or no answer at all
              .httpRequestDecoder(
                  spec -> spec.maxInitialLineLength(64 * 1024).maxHeaderSize(32 * 1024))
              .channelGroup(new DefaultChannelGroup(GlobalEventExecutor.INSTANCE))
              .handle(this::handle)
              .bindNow(Duration.ofSeconds(15));
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException(
          "cannot listen on " + config.host() + ":" + config.port() + ": " + cause.getMessage(), e);
    }
    return this;
  }

  /** The bound port (the real one when the config said 0). */
  public int port() {
    return ((InetSocketAddress) running().address()).getPort();
  }

  /** The configured listen host. */
  public String host() {
    return config.host();
  }

  /** Requests being processed right now. */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Stops accepting connections, lets in-flight requests finish for up to {@code grace}, then
   * closes every connection. Idempotent.
   */
  public void shutdown(Duration grace) {
    DisposableServer current = server;
    if (current == null || !draining.compareAndSet(false, true)) {
      return;
    }
    log.info("Stopping: draining {} in-flight request(s) for up to {}", inFlight.get(), grace);
    try {
      current.disposeNow(grace);
    } catch (IllegalStateException e) {
      log.warn("Shutdown grace period elapsed with {} request(s) still running", inFlight.get());
    }
  }

  private DisposableServer running() {
    DisposableServer current = server;
    if (current == null) {
      throw new IllegalStateException("not started");
    }
    return current;
  }

  private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
    inFlight.incrementAndGet();
    Mono<Void> work = Mono.defer(() -> route(request, response));
    if (!request.method().equals(HttpMethod.POST)) {
      // Consume a bodiless request's (empty) inbound before answering: Reactor Netty 1.3.6 can
      // otherwise stop reading a keep-alive connection whose next request arrives before this
      // one's operations have terminated (reactor-netty#4361): a POST after a GET never got an
      // answer. POSTs read their body, or refuse() drains it.
      work = request.receive().then().then(work);
    }
    return work.onErrorResume(error -> failure(error, response))
        .doFinally(signal -> inFlight.decrementAndGet());
  }

  private Mono<Void> route(HttpServerRequest request, HttpServerResponse response) {
    HttpMethod method = request.method();
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path;
    try {
      // both decode lazily and throw on a malformed percent-escape (%zz, a lone %)
      path = uri.path();
      uri.parameters();
    } catch (IllegalArgumentException e) {
      return refuse(
          request,
          response,
          HttpError.badRequest("The request URI has a malformed percent-escape"));
    }
    if (draining.get()) {
      // requests arriving on kept-alive connections while stopping: tell the client to go away
      response.header(HttpHeaderNames.CONNECTION, "close");
      if (path.equals("/health")) {
        return send(response, 503, MediaTypes.JSON, HEALTH_DRAINING);
      }
      return sendError(response, new HttpError(503, "SHUTTING_DOWN", "The gateway is stopping"));
    }
    if (method.equals(HttpMethod.OPTIONS)) {
      return options(request, response);
    }
    cors.actual(request, response);
    if (path.equals(GRAPHQL_PATH)) {
      if (subscriptions != null
          && method.equals(HttpMethod.GET)
          && SubscriptionTransports.isUpgrade(request.requestHeaders())) {
        return webSocket(request, response);
      }
      if (method.equals(HttpMethod.POST)) {
        return guarded(
            request, response, (headers, identity) -> post(request, response, headers, identity));
      }
      if (method.equals(HttpMethod.GET)) {
        String accept = request.requestHeaders().get(HttpHeaderNames.ACCEPT);
        if (graphiql != null && uri.parameters().isEmpty() && MediaTypes.wantsHtml(accept)) {
          return asset(request, response, GraphiQLAssets.INDEX);
        }
        return guarded(
            request,
            response,
            (headers, identity) ->
                execute(
                    RequestDecoder.fromQueryParameters(uri.parameters(), headers)
                        .withIdentity(identity),
                    request,
                    response));
      }
      response.header(HttpHeaderNames.ALLOW, "GET, POST, OPTIONS");
      return refuse(
          request,
          response,
          new HttpError(405, "METHOD_NOT_ALLOWED", "Use GET or POST for " + GRAPHQL_PATH));
    }
    if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
      return refuse(request, response, notFoundError(path));
    }
    if (path.equals("/health")) {
      return send(response, 200, MediaTypes.JSON, HEALTH_UP);
    }
    if (metrics != null && path.equals("/metrics")) {
      return send(
          response,
          200,
          "text/plain; version=0.0.4; charset=utf-8",
          metrics.scrape().getBytes(StandardCharsets.UTF_8));
    }
    if (graphiql != null && path.equals("/")) {
      return asset(request, response, GraphiQLAssets.INDEX);
    }
    if (graphiql != null && path.startsWith(ASSET_PREFIX)) {
      return asset(request, response, path.substring(ASSET_PREFIX.length()));
    }
    return notFound(response, path);
  }

  /**
   * Runs a GraphQL request that passes CSRF prevention (400 {@code CSRF_ERROR}), the client's rate
   * limit (429 {@code RATE_LIMITED} with {@code Retry-After}), authentication (401) and load
   * shedding, all before the body is read, with its headers and identity. The rate limit comes
   * before authentication, except when it is keyed by a token claim: then after it, so an invalid
   * token is a 401 and a valid one is limited by its claim.
   */
  private Mono<Void> guarded(
      HttpServerRequest request,
      HttpServerResponse response,
      java.util.function.BiFunction<Map<String, List<String>>, Identity, Mono<Void>> work) {
    io.netty.handler.codec.http.HttpHeaders headers = request.requestHeaders();
    if (!csrf.admits(headers.get(HttpHeaderNames.CONTENT_TYPE), headers::contains)) {
      csrfRejected.increment();
      return refuse(
          request,
          response,
          new HttpError(
              400,
              CSRF_ERROR,
              "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF):"
                  + " send a Content-Type other than text/plain,"
                  + " application/x-www-form-urlencoded or multipart/form-data (such as"
                  + " application/json), or one of the headers "
                  + String.join(", ", csrf.requiredHeaders())));
    }
    Mono<Void> limited = overLimit(request, response, Identity.ANONYMOUS, false);
    if (limited != null) {
      return limited;
    }
    Map<String, List<String>> clientHeaders = Requests.headers(request);
    Identity identity;
    try {
      identity = authenticator.authenticate(clientHeaders);
    } catch (AuthenticationException e) {
      response.header(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
      return refuse(request, response, new HttpError(401, "UNAUTHENTICATED", e.getMessage()));
    }
    limited = overLimit(request, response, identity, true);
    if (limited != null) {
      return limited;
    }
    return admitted(response, () -> work.apply(clientHeaders, identity));
  }

  /** Null when the request may go on at this stage (before or after authentication), else 429. */
  private Mono<Void> overLimit(
      HttpServerRequest request, HttpServerResponse response, Identity identity, boolean after) {
    if (limiter == null || limiter.afterAuthentication() != after) {
      return null;
    }
    ClientRateLimiter.Decision decision =
        limiter.acquire(request.requestHeaders(), request.remoteAddress(), identity);
    if (decision.allowed()) {
      return null;
    }
    rateLimited.increment();
    response.header(HttpHeaderNames.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
    return refuse(request, response, decision.error());
  }

  /**
   * Answers a request refused before its body was read: a small body is read and dropped first (a
   * keep-alive connection with unread data would otherwise stall the client's next request), a
   * large one closes the connection.
   */
  private Mono<Void> refuse(
      HttpServerRequest request, HttpServerResponse response, HttpError error) {
    String declared = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
    long length;
    try {
      length = declared == null ? 0 : Long.parseLong(declared.trim());
    } catch (NumberFormatException e) {
      length = Long.MAX_VALUE;
    }
    boolean chunked = request.requestHeaders().contains(HttpHeaderNames.TRANSFER_ENCODING);
    if (length > Requests.MAX_SWALLOW_BYTES || (chunked && declared == null)) {
      response.header(HttpHeaderNames.CONNECTION, "close");
      return sendError(response, error);
    }
    if (length == 0) {
      return sendError(response, error);
    }
    return request
        .receive()
        .then()
        .timeout(Requests.SWALLOW_TIMEOUT, Mono.empty())
        .onErrorResume(e -> Mono.empty())
        .then(Mono.defer(() -> sendError(response, error)));
  }

  /** Runs a GraphQL request unless {@code maxInFlight} are running: then 503 at once. */
  private Mono<Void> admitted(HttpServerResponse response, Supplier<Mono<Void>> work) {
    int now = graphqlInFlight.incrementAndGet();
    if (maxInFlight > 0 && now > maxInFlight) {
      graphqlInFlight.decrementAndGet();
      shed.increment();
      response.header(HttpHeaderNames.RETRY_AFTER, "1");
      return sendError(
          response,
          new HttpError(
              503,
              "GATEWAY_OVERLOADED",
              "The gateway is serving its limit of "
                  + maxInFlight
                  + " requests; retry in a moment"));
    }
    return Mono.defer(work).doFinally(signal -> graphqlInFlight.decrementAndGet());
  }

  private Mono<Void> options(HttpServerRequest request, HttpServerResponse response) {
    if (CorsPolicy.isPreflight(request)) {
      if (cors.preflight(request, response)) {
        return response.status(HttpResponseStatus.NO_CONTENT).send();
      }
      return sendError(
          response, new HttpError(403, "FORBIDDEN", "Cross-origin request not allowed"));
    }
    response.header(HttpHeaderNames.ALLOW, "GET, POST, OPTIONS");
    return response.status(HttpResponseStatus.NO_CONTENT).send();
  }

  private Mono<Void> post(
      HttpServerRequest request,
      HttpServerResponse response,
      Map<String, List<String>> headers,
      Identity identity) {
    String contentType = request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE);
    if (!MediaTypes.isJsonBody(contentType)) {
      // the body is not read: drain it (or close), or the next request on this keep-alive
      // connection stalls behind it
      return refuse(
          request,
          response,
          new HttpError(
              415,
              "UNSUPPORTED_MEDIA_TYPE",
              "POST bodies must be application/json, got "
                  + (contentType == null ? "no content type" : "'" + contentType + "'")));
    }
    return Requests.body(request, config.maxRequestBytes())
        .map(bytes -> RequestDecoder.fromJsonBody(bytes, headers).withIdentity(identity))
        .flatMap(decoded -> execute(decoded, request, response));
  }

  /**
   * A graphql-transport-ws upgrade: the rate limit (an IP key when keyed by claim: the token comes
   * with {@code connection_init}) and the per-client connection limit; the token is checked at
   * {@code connection_init} (close 4401). No CSRF check: browsers cannot add headers to a
   * WebSocket, and the gateway authenticates bearer tokens, never cookies.
   */
  private Mono<Void> webSocket(HttpServerRequest request, HttpServerResponse response) {
    Mono<Void> limited = overLimit(request, response, Identity.ANONYMOUS, false);
    if (limited != null) {
      return limited;
    }
    String key =
        clientKeys.key(request.requestHeaders(), request.remoteAddress(), Identity.ANONYMOUS);
    return streaming(
        request,
        response,
        key,
        () -> subscriptions.webSocket(response, Requests.headers(request), key));
  }

  /** Runs a long-lived stream if its client holds fewer than its limit of them, else 429. */
  private Mono<Void> streaming(
      HttpServerRequest request,
      HttpServerResponse response,
      String key,
      Supplier<Mono<Void>> stream) {
    Map<String, Object> refused = subscriptions.acquire(key);
    if (refused != null) {
      rateLimited.increment();
      return refuse(
          request,
          response,
          new HttpError(
              429, SubscriptionTransports.TOO_MANY_CONNECTIONS, (String) refused.get("message")));
    }
    return stream.get();
  }

  private Mono<Void> execute(
      GatewayRequest decoded, HttpServerRequest request, HttpServerResponse response) {
    SubscriptionTransports streams = subscriptions;
    if (streams != null
        && SubscriptionTransports.wantsEventStream(
            request.requestHeaders().get(HttpHeaderNames.ACCEPT))) {
      String key =
          clientKeys.key(request.requestHeaders(), request.remoteAddress(), decoded.identity());
      return streaming(request, response, key, () -> streams.eventStream(decoded, response, key));
    }
    String accept = request.requestHeaders().get(HttpHeaderNames.ACCEPT);
    String type = MediaTypes.responseType(accept);
    if (MultipartResponses.accepted(accept)) {
      return Mono.defer(() -> handler.open(decoded))
          .flatMap(opened -> MultipartResponses.send(opened, response, type));
    }
    return Mono.defer(() -> handler.execute(decoded))
        .switchIfEmpty(Mono.error(() -> new IllegalStateException("the engine returned nothing")))
        .flatMap(
            (GatewayResponse result) -> send(response, result.httpStatus(), type, result.toJson()));
  }

  /** Reads the body, refusing more than the configured limit with 413. */
  private Mono<Void> asset(HttpServerRequest request, HttpServerResponse response, String name) {
    GraphiQLAssets.Asset asset = graphiql.get(name);
    if (asset == null) {
      return notFound(response, ASSET_PREFIX + name);
    }
    response
        .header(HttpHeaderNames.CACHE_CONTROL, asset.cacheControl())
        .header(HttpHeaderNames.ETAG, asset.etag())
        .header("x-content-type-options", "nosniff");
    String ifNoneMatch = request.requestHeaders().get(HttpHeaderNames.IF_NONE_MATCH);
    if (asset.etag().equals(ifNoneMatch)) {
      return response.status(HttpResponseStatus.NOT_MODIFIED).send();
    }
    return send(response, 200, asset.contentType(), asset.bytes());
  }

  private Mono<Void> notFound(HttpServerResponse response, String path) {
    return sendError(response, notFoundError(path));
  }

  private static HttpError notFoundError(String path) {
    return new HttpError(
        404, "NOT_FOUND", "No route for " + path + "; GraphQL is served at " + GRAPHQL_PATH);
  }

  private Mono<Void> failure(Throwable error, HttpServerResponse response) {
    if (error instanceof HttpError httpError) {
      if (httpError.status() == 413) {
        response.header(HttpHeaderNames.CONNECTION, "close");
      }
      if (httpError.status() == 401) {
        response.header(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
      }
      return sendError(response, httpError);
    }
    long id = errorIds.incrementAndGet();
    log.error("Request failed (error id {})", id, error);
    if (response.hasSentHeaders()) {
      return Mono.empty();
    }
    return sendError(
        response,
        new HttpError(500, "INTERNAL_SERVER_ERROR", "Internal server error (error id " + id + ")"));
  }

  private static Mono<Void> sendError(HttpServerResponse response, HttpError error) {
    return send(response, error.status(), MediaTypes.JSON, error.body());
  }

  /** Sends a whole body with its status, content type and length. */
  static Mono<Void> send(HttpServerResponse response, int status, String contentType, byte[] body) {
    return response
        .status(status)
        .header(HttpHeaderNames.CONTENT_TYPE, contentType)
        .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
        .sendByteArray(Mono.just(body))
        .then();
  }
}
