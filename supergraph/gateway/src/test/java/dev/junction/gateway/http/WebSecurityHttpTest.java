package dev.junction.gateway.http;

import static dev.junction.gateway.http.HttpTestClient.encode;
import static dev.junction.gateway.http.HttpTestClient.json;
import static dev.junction.gateway.http.HttpTestClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.Gateway;
import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.auth.Authenticator;
import dev.junction.gateway.auth.JwtAuthenticator;
import dev.junction.gateway.auth.TestKeys;
import dev.junction.gateway.config.AuthenticationConfig;
import dev.junction.gateway.config.CorsConfig;
import dev.junction.gateway.config.CsrfConfig;
import dev.junction.gateway.config.IpRange;
import dev.junction.gateway.config.RateLimitConfig;
import dev.junction.gateway.config.ServerConfig;
import dev.junction.gateway.execution.SubgraphErrorPolicy;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CSRF prevention, GET without mutations, per-client rate limiting and subgraph error masking, over
 * real HTTP against the real engine with a stub subgraph that counts its calls.
 */
class WebSecurityHttpTest {
  private static final String QUERY = "{ product(id: \"prod-001\") { name } }";
  private static final String LEAKY_ERRORS =
      "{\"data\":{\"product\":null},\"errors\":[{\"message\":\"ERROR: relation \\\"product\\\" does"
          + " not exist; SQL [select * from product where id = $1];"
          + " org.springframework.r2dbc.BadSqlGrammarException\",\"path\":[\"product\"],"
          + "\"extensions\":{\"code\":\"INTERNAL_SERVER_ERROR\",\"exception\":{\"stacktrace\":"
          + "[\"at dev.junction.catalog.ProductRepository.find(ProductRepository.java:42)\"]}}},"
          + "{\"message\":\"No code here\",\"path\":[\"product\",\"name\"]}]}";

  private final AtomicInteger subgraphCalls = new AtomicInteger();
  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private StubSubgraph stub;
  private Gateway gateway;
  private GatewayHttpServer server;
  private HttpTestClient http;
  private Authenticator authenticator = Authenticator.NONE;
  @TempDir Path dir;

  private void start(
      String stubBody, CsrfConfig csrf, RateLimitConfig rateLimit, SubgraphErrorPolicy errors)
      throws IOException {
    stub = StubSubgraph.start(stubBody, exchange -> subgraphCalls.incrementAndGet());
    String sdl = Files.readString(Path.of("../supergraph.graphql"));
    GatewayOptions.Builder options =
        stub.routeAll(sdl, GatewayOptions.builder().subgraphErrors(errors));
    gateway = Gateway.create(sdl, options.build());
    server =
        new GatewayHttpServer(
                gateway::execute,
                new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_REQUEST_BYTES, true),
                CorsConfig.disabled(),
                0,
                metrics,
                csrf,
                rateLimit,
                authenticator)
            .start();
    http = new HttpTestClient(server.port());
  }

  private void startDefaults() throws IOException {
    start(
        "{\"data\":{\"product\":{\"name\":\"Lamp\"}}}",
        CsrfConfig.defaults(),
        RateLimitConfig.disabled(),
        SubgraphErrorPolicy.REDACT_ALL);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.shutdown(Duration.ofSeconds(1));
    }
    if (gateway != null) {
      gateway.close();
    }
    if (stub != null) {
      stub.close();
    }
    if (authenticator instanceof JwtAuthenticator jwt) {
      jwt.close();
    }
  }

  private HttpResponse<byte[]> post(String contentType, String body, String... headers) {
    HttpRequest.Builder builder =
        http.request("/graphql").POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      builder.header("content-type", contentType);
    }
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return http.send(builder.build());
  }

  private static String body(String query) {
    return "{\"query\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(query) + "}";
  }

  private void assertRefused(HttpResponse<byte[]> response, int status, String code) {
    JsonNode body = json(response);
    assertThat(response.statusCode()).as(body.toString()).isEqualTo(status);
    assertThat(body.at("/errors/0/extensions/code").asText()).as(body.toString()).isEqualTo(code);
    assertThat(body.has("data")).isFalse();
    assertThat(subgraphCalls.get()).as("subgraph calls").isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text/plain",
        "text/plain; charset=utf-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "TEXT/PLAIN",
        "not a media type"
      })
  void simpleContentTypesAreRefusedAsCsrf(String contentType) throws IOException {
    startDefaults();

    HttpResponse<byte[]> response = post(contentType, body(QUERY));

    assertRefused(response, 400, GatewayHttpServer.CSRF_ERROR);
    assertThat(text(response)).contains("apollo-require-preflight");
  }

  @Test
  void aPostWithoutContentTypeAndAGetWithoutHeaderAreRefused() throws IOException {
    startDefaults();

    assertRefused(post(null, body(QUERY)), 400, GatewayHttpServer.CSRF_ERROR);
    assertRefused(http.get("/graphql?query=" + encode(QUERY)), 400, GatewayHttpServer.CSRF_ERROR);
    assertRefused(
        http.get("/graphql?query=" + encode(QUERY), "content-type", "text/plain"),
        400,
        GatewayHttpServer.CSRF_ERROR);
    assertThat(metrics.scrape()).contains("junction_requests_csrf_rejected_total 3.0");
  }

  @Test
  void jsonBodiesAndRequiredHeadersAreServed() throws IOException {
    startDefaults();

    HttpResponse<byte[]> json = post("application/json", body(QUERY));
    HttpResponse<byte[]> jsonCharset = post("application/json; charset=utf-8", body(QUERY));
    HttpResponse<byte[]> get =
        http.get("/graphql?query=" + encode(QUERY), "apollo-require-preflight", "true");
    HttpResponse<byte[]> named =
        http.get("/graphql?query=" + encode(QUERY), "x-apollo-operation-name", "P");

    for (HttpResponse<byte[]> r : List.of(json, jsonCharset, get, named)) {
      assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
      assertThat(json(r).at("/data/product/name").asText()).isEqualTo("Lamp");
    }
    assertThat(subgraphCalls.get()).isEqualTo(4);
  }

  @Test
  void aPreflightedSimpleContentTypeStillNeedsJson() throws IOException {
    startDefaults();

    assertRefused(
        post("text/plain", body(QUERY), "apollo-require-preflight", "1"),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void configuredHeadersReplaceTheDefaultOnes() throws IOException {
    start(
        "{\"data\":{\"product\":{\"name\":\"Lamp\"}}}",
        new CsrfConfig(false, List.of("x-csrf-token")),
        RateLimitConfig.disabled(),
        SubgraphErrorPolicy.REDACT_ALL);

    assertRefused(
        http.get("/graphql?query=" + encode(QUERY), "apollo-require-preflight", "true"),
        400,
        GatewayHttpServer.CSRF_ERROR);
    assertThat(http.get("/graphql?query=" + encode(QUERY), "x-csrf-token", "t").statusCode())
        .isEqualTo(200);
  }

  @Test
  void unsafeDisabledServesSimpleRequests() throws IOException {
    start(
        "{\"data\":{\"product\":{\"name\":\"Lamp\"}}}",
        CsrfConfig.disabled(),
        RateLimitConfig.disabled(),
        SubgraphErrorPolicy.REDACT_ALL);

    assertThat(http.get("/graphql?query=" + encode(QUERY)).statusCode()).isEqualTo(200);
    assertThat(subgraphCalls.get()).isEqualTo(1);
  }

  @Test
  void graphiqlIsStillServedToBrowsers() throws IOException {
    startDefaults();

    HttpResponse<byte[]> page = http.get("/graphql", "accept", "text/html");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(text(page)).contains("GraphiQL");
  }

  @Test
  void getNeverRunsAMutationEvenWhenPreflighted() throws IOException {
    startDefaults();
    String mutation =
        "mutation { registerCustomer(input: {email: \"a@example.com\", name: \"A\"}) { id } }";

    assertRefused(
        http.get("/graphql?query=" + encode(mutation), "apollo-require-preflight", "true"),
        405,
        "METHOD_NOT_ALLOWED");
  }

  @Test
  void aClientOverItsRateGets429WithRetryAfterAndOthersAreServed() throws IOException {
    start(
        "{\"data\":{\"product\":{\"name\":\"Lamp\"}}}",
        CsrfConfig.defaults(),
        new RateLimitConfig(
            true,
            RateLimitConfig.Key.CLIENT_NAME,
            "apollographql-client-name",
            3,
            Duration.ofMinutes(1),
            100,
            "sub",
            List.of()),
        SubgraphErrorPolicy.REDACT_ALL);

    for (int i = 0; i < 3; i++) {
      HttpResponse<byte[]> ok =
          post("application/json", body(QUERY), "apollographql-client-name", "web");
      assertThat(ok.statusCode()).as(text(ok)).isEqualTo(200);
    }
    int served = subgraphCalls.get();
    HttpResponse<byte[]> over =
        post("application/json", body(QUERY), "apollographql-client-name", "web");
    JsonNode error = json(over);

    assertThat(over.statusCode()).as(error.toString()).isEqualTo(429);
    assertThat(error.at("/errors/0/extensions/code").asText()).isEqualTo("RATE_LIMITED");
    long retryAfter = Long.parseLong(over.headers().firstValue("retry-after").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 60L);
    assertThat(subgraphCalls.get()).as("no subgraph call when limited").isEqualTo(served);
    HttpResponse<byte[]> other =
        post("application/json", body(QUERY), "apollographql-client-name", "mobile");
    assertThat(other.statusCode()).as("another client keeps its allowance").isEqualTo(200);
    assertThat(metrics.scrape()).contains("junction_requests_rate_limited_total 1.0");
  }

  @Test
  void requestsWithoutAClientNameShareTheirIpsAllowance() throws IOException {
    start(
        "{\"data\":{\"product\":{\"name\":\"Lamp\"}}}",
        CsrfConfig.defaults(),
        new RateLimitConfig(
            true,
            RateLimitConfig.Key.IP,
            "apollographql-client-name",
            2,
            Duration.ofMinutes(1),
            10,
            "sub",
            List.of()),
        SubgraphErrorPolicy.REDACT_ALL);

    assertThat(post("application/json", body(QUERY)).statusCode()).isEqualTo(200);
    assertThat(post("application/json", body(QUERY), "apollographql-client-name", "x").statusCode())
        .isEqualTo(200);
    HttpResponse<byte[]> over =
        post("application/json", body(QUERY), "apollographql-client-name", "y");
    assertThat(over.statusCode()).isEqualTo(429);
    assertThat(over.headers().firstValue("retry-after")).isPresent();
    assertThat(http.get("/health").statusCode()).as("health is never limited").isEqualTo(200);
  }

  private static RateLimitConfig limit(
      RateLimitConfig.Key key, int perMinute, List<IpRange> trustedProxies) {
    return new RateLimitConfig(
        true,
        key,
        RateLimitConfig.DEFAULT_CLIENT_NAME_HEADER,
        perMinute,
        Duration.ofMinutes(1),
        100,
        RateLimitConfig.DEFAULT_CLAIM,
        trustedProxies);
  }

  /** One POST of {@link #QUERY} from the local address {@code from}, with extra headers. */
  private RawHttp.Response postFrom(String from, String... headers) throws IOException {
    List<String[]> all = new java.util.ArrayList<>();
    all.add(new String[] {"content-type", "application/json"});
    for (int i = 0; i < headers.length; i += 2) {
      all.add(new String[] {headers[i], headers[i + 1]});
    }
    return RawHttp.sendFrom(
        from, server.port(), "POST", "/graphql", all, body(QUERY).getBytes(StandardCharsets.UTF_8));
  }

  /** Asserts a 429 RATE_LIMITED with a Retry-After and a GraphQL error, without data. */
  private static void assertLimited(RawHttp.Response response) throws IOException {
    JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    assertThat(response.status()).as(body.toString()).isEqualTo(429);
    assertThat(body.at("/errors/0/extensions/code").asText())
        .isEqualTo(GatewayHttpServer.RATE_LIMITED);
    assertThat(body.has("data")).isFalse();
    assertThat(response.headers()).containsPattern("\\nretry-after: ([1-9]|[1-5][0-9]|60)\\b");
  }

  @Test
  void claimKeyedBucketsFollowTheSubjectAcrossIpsAndAnonymousRequestsUseTheirIp()
      throws IOException {
    TestKeys keys = new TestKeys();
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, keys.jwks());
    authenticator =
        new JwtAuthenticator(
            new AuthenticationConfig(
                true,
                "authorization",
                "Bearer",
                false,
                jwks,
                null,
                Duration.ofMinutes(5),
                Duration.ofSeconds(2),
                TestKeys.ISSUER,
                List.of(TestKeys.AUDIENCE),
                AuthenticationConfig.DEFAULT_ALGORITHMS,
                Duration.ofSeconds(60),
                8192),
            null,
            java.time.Clock.systemUTC());
    start(
        "{\"data\":{\"product\":{\"name\":\"Lamp\"}}}",
        CsrfConfig.defaults(),
        limit(RateLimitConfig.Key.CLAIM, 2, List.of()),
        SubgraphErrorPolicy.REDACT_ALL);
    Instant now = Instant.now();
    String alice = "Bearer " + keys.rs256(TestKeys.claims(now).subject("alice").build());
    String bob = "Bearer " + keys.rs256(TestKeys.claims(now).subject("bob").build());
    String noSubject = "Bearer " + keys.rs256(TestKeys.claims(now).subject(null).build());

    assertThat(postFrom("127.0.0.1", "authorization", alice).status()).isEqualTo(200);
    assertThat(postFrom("127.0.0.2", "authorization", alice).status()).isEqualTo(200);
    int served = subgraphCalls.get();
    assertThat(served).isEqualTo(2);
    assertLimited(postFrom("127.0.0.3", "authorization", alice));
    assertThat(subgraphCalls.get()).isEqualTo(served);
    assertThat(postFrom("127.0.0.3", "authorization", alice + "x").status())
        .as("a bad token is 401 before any rate limit")
        .isEqualTo(401);
    for (int i = 0; i < 2; i++) {
      assertThat(postFrom("127.0.0.1", "authorization", bob).status())
          .as("another subject has its own bucket, from alice's IP too")
          .isEqualTo(200);
    }
    assertLimited(postFrom("127.0.0.2", "authorization", bob));

    assertThat(postFrom("127.0.0.1").status()).as("anonymous: 127.0.0.1's bucket").isEqualTo(200);
    assertThat(postFrom("127.0.0.1", "authorization", noSubject).status())
        .as("no sub claim: the IP's bucket too")
        .isEqualTo(200);
    assertLimited(postFrom("127.0.0.1"));
    assertLimited(postFrom("127.0.0.1", "authorization", noSubject));
    assertThat(postFrom("127.0.0.4").status()).as("another IP's bucket").isEqualTo(200);
    assertThat(subgraphCalls.get()).isEqualTo(served + 5);
    assertThat(metrics.scrape()).contains("junction_requests_rate_limited_total 4.0");
  }

  @Test
  void forwardedForIsBelievedOnlyFromATrustedProxy() throws IOException {
    start(
        "{\"data\":{\"product\":{\"name\":\"Lamp\"}}}",
        CsrfConfig.defaults(),
        limit(RateLimitConfig.Key.IP, 1, List.of(IpRange.parse("127.0.0.2/32"))),
        SubgraphErrorPolicy.REDACT_ALL);

    assertThat(postFrom("127.0.0.1", "x-forwarded-for", "203.0.113.1").status()).isEqualTo(200);
    assertLimited(postFrom("127.0.0.1", "x-forwarded-for", "203.0.113.2"));

    assertThat(postFrom("127.0.0.2", "x-forwarded-for", "198.51.100.7").status()).isEqualTo(200);
    assertThat(postFrom("127.0.0.2", "x-forwarded-for", "198.51.100.8").status())
        .as("behind the trusted proxy, another client")
        .isEqualTo(200);
    assertLimited(postFrom("127.0.0.2", "x-forwarded-for", "203.0.113.9, 198.51.100.8"));
    assertLimited(postFrom("127.0.0.2", "x-forwarded-for", "198.51.100.7, 127.0.0.2"));
    assertThat(postFrom("127.0.0.2").status()).as("the proxy's own bucket").isEqualTo(200);
    assertLimited(postFrom("127.0.0.2", "x-forwarded-for", "not-an-ip"));
    assertThat(subgraphCalls.get()).as("a subgraph call per admitted request only").isEqualTo(4);
  }

  @Test
  void subgraphErrorsAreRedactedByDefault() throws IOException {
    start(
        LEAKY_ERRORS,
        CsrfConfig.defaults(),
        RateLimitConfig.disabled(),
        SubgraphErrorPolicy.REDACT_ALL);

    HttpResponse<byte[]> response = post("application/json", body(QUERY));
    String raw = text(response);
    JsonNode errors = json(response).at("/errors");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(errors.size()).isEqualTo(2);
    for (JsonNode e : errors) {
      assertThat(e.at("/message").asText()).isEqualTo(SubgraphErrorPolicy.REDACTED);
      assertThat(e.at("/extensions/serviceName").asText()).isEqualTo("catalog");
      assertThat(e.at("/extensions/requestId").asText()).hasSizeGreaterThan(8);
    }
    assertThat(errors.at("/0/path/0").asText()).isEqualTo("product");
    assertThat(errors.at("/0/extensions/code").asText()).isEqualTo("INTERNAL_SERVER_ERROR");
    assertThat(errors.at("/1/extensions/code").asText()).isEqualTo("DOWNSTREAM_SERVICE_ERROR");
    assertThat(errors.at("/0/extensions/requestId").asText())
        .isEqualTo(errors.at("/1/extensions/requestId").asText());
    assertThat(raw)
        .doesNotContain("select")
        .doesNotContain("springframework")
        .doesNotContain("Exception")
        .doesNotContain("stacktrace")
        .doesNotContain("ProductRepository");
  }

  @Test
  void includedSubgraphsKeepTheirMessagesButNeverAStackTrace() throws IOException {
    start(
        LEAKY_ERRORS,
        CsrfConfig.defaults(),
        RateLimitConfig.disabled(),
        new SubgraphErrorPolicy(false, Map.of("catalog", true)));

    HttpResponse<byte[]> response = post("application/json", body(QUERY));
    JsonNode errors = json(response).at("/errors");

    assertThat(errors.at("/0/message").asText()).contains("relation");
    assertThat(errors.at("/1/message").asText()).isEqualTo("No code here");
    assertThat(errors.at("/0/extensions/requestId").isMissingNode()).isTrue();
    assertThat(text(response)).doesNotContain("stacktrace").doesNotContain("ProductRepository");
  }

  @Test
  void aSubgraphExcludedByNameIsRedactedWhenAllAreIncluded() throws IOException {
    start(
        LEAKY_ERRORS,
        CsrfConfig.defaults(),
        RateLimitConfig.disabled(),
        new SubgraphErrorPolicy(true, Map.of("catalog", false)));

    JsonNode errors = json(post("application/json", body(QUERY))).at("/errors");

    assertThat(errors.at("/0/message").asText()).isEqualTo(SubgraphErrorPolicy.REDACTED);
  }
}
