package dev.junction.gateway.http;

import static dev.junction.gateway.http.HttpTestClient.encode;
import static dev.junction.gateway.http.HttpTestClient.json;
import static dev.junction.gateway.http.HttpTestClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.Gateway;
import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.config.CorsConfig;
import dev.junction.gateway.config.CsrfConfig;
import dev.junction.gateway.config.RateLimitConfig;
import dev.junction.gateway.config.ServerConfig;
import dev.junction.gateway.execution.SubgraphErrorPolicy;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
                dev.junction.gateway.auth.Authenticator.NONE)
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
