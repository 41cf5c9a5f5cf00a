package dev.junction.gateway.http;

import static dev.junction.gateway.http.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import dev.junction.gateway.Gateway;
import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.auth.JwtAuthenticator;
import dev.junction.gateway.auth.TestKeys;
import dev.junction.gateway.config.AuthenticationConfig;
import dev.junction.gateway.config.CorsConfig;
import dev.junction.gateway.config.CsrfConfig;
import dev.junction.gateway.config.RateLimitConfig;
import dev.junction.gateway.config.ServerConfig;
import dev.junction.gateway.headers.HeaderRule;
import dev.junction.gateway.headers.RuleBasedHeaderPropagator;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication through the real engine over HTTP, with a stub subgraph that records every call:
 * refused tokens never reach a subgraph, a verified token's {@code sub} arrives as {@code
 * x-user-id}, anonymous requests carry no identity, and {@code require_authentication} refuses
 * them.
 */
class AuthenticationEngineHttpTest {
  private static final String QUERY = "{\"query\":\"{ product(id: \\\"prod-001\\\") { name } }\"}";

  @TempDir Path dir;
  private final List<Map<String, List<String>>> subgraphCalls = new CopyOnWriteArrayList<>();
  private StubSubgraph stub;
  private Gateway gateway;
  private GatewayHttpServer server;
  private JwtAuthenticator authenticator;
  private HttpTestClient http;
  private final TestKeys keys = new TestKeys();

  private void start(boolean requireAuthentication) throws Exception {
    stub =
        StubSubgraph.start(
            "{\"data\":{\"product\":{\"name\":\"Lamp\"}}}",
            exchange -> subgraphCalls.add(Map.copyOf(exchange.getRequestHeaders())));
    String sdl = Files.readString(Path.of("../supergraph.graphql"));
    GatewayOptions.Builder options =
        stub.routeAll(
            sdl,
            GatewayOptions.builder()
                .headers(
                    new RuleBasedHeaderPropagator(
                        List.of(new HeaderRule.PropagateClaim("sub", "x-user-id", null)),
                        Map.of())));
    gateway = Gateway.create(sdl, options.build());
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, keys.jwks());
    authenticator =
        new JwtAuthenticator(
            new AuthenticationConfig(
                true,
                "authorization",
                "Bearer",
                requireAuthentication,
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
    server =
        new GatewayHttpServer(
                gateway::execute,
                new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_REQUEST_BYTES, false),
                CorsConfig.disabled(),
                0,
                null,
                CsrfConfig.defaults(),
                RateLimitConfig.disabled(),
                authenticator)
            .start();
    http = new HttpTestClient(server.port());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.shutdown(Duration.ofSeconds(1));
    }
    if (authenticator != null) {
      authenticator.close();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (stub != null) {
      stub.close();
    }
  }

  private static String header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  @Test
  void refusedTokensNeverReachASubgraphAndTheSubjectTravelsAsAHeader() throws Exception {
    start(false);
    Instant now = Instant.now();
    List<String> faults = new ArrayList<>();
    faults.add("Bearer not-a-jwt");
    faults.add(
        "Bearer "
            + keys.rs256(
                TestKeys.claims(now.minusSeconds(7200))
                    .expirationTime(Date.from(now.minusSeconds(3600)))
                    .build()));
    faults.add(
        "Bearer "
            + keys.rs256(
                TestKeys.claims(now).notBeforeTime(Date.from(now.plusSeconds(3600))).build()));
    faults.add("Bearer " + keys.rs256(TestKeys.claims(now).issuer("https://evil").build()));
    faults.add("Bearer " + keys.rs256(TestKeys.claims(now).audience("someone-else").build()));
    faults.add("Bearer " + new TestKeys("other").rs256(TestKeys.claims(now).build()));
    faults.add(
        "Bearer "
            + TestKeys.b64("{\"alg\":\"none\"}")
            + "."
            + TestKeys.b64(TestKeys.claims(now).build().toString())
            + ".");
    faults.add(
        "Bearer " + keys.sign(JWSAlgorithm.RS512, "rsa", TestKeys.claims(now).build(), h -> h));
    for (String fault : faults) {
      HttpResponse<byte[]> r = http.postJson("/graphql", QUERY, "authorization", fault);
      assertThat(r.statusCode()).as(fault).isEqualTo(401);
      assertThat(json(r).at("/errors/0/extensions/code").asText()).isEqualTo("UNAUTHENTICATED");
      assertThat(new String(r.body(), StandardCharsets.UTF_8))
          .doesNotContain("Exception")
          .doesNotContain("nimbus");
    }
    assertThat(subgraphCalls).as("subgraph calls after refused tokens").isEmpty();

    String valid = keys.rs256(TestKeys.claims(now).subject("cust-042").build());
    HttpResponse<byte[]> ok = http.postJson("/graphql", QUERY, "authorization", "Bearer " + valid);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(json(ok).at("/data/product/name").asText()).isEqualTo("Lamp");
    assertThat(subgraphCalls).hasSize(1);
    assertThat(header(subgraphCalls.get(0), "x-user-id")).isEqualTo("cust-042");

    HttpResponse<byte[]> anonymous = http.postJson("/graphql", QUERY);
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(subgraphCalls).hasSize(2);
    assertThat(header(subgraphCalls.get(1), "x-user-id")).isNull();
    assertThat(http.get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void requireAuthenticationRefusesAnonymousRequests() throws Exception {
    start(true);
    HttpResponse<byte[]> anonymous = http.postJson("/graphql", QUERY);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(json(anonymous).at("/errors/0/extensions/code").asText())
        .isEqualTo("UNAUTHENTICATED");
    assertThat(anonymous.headers().firstValue("www-authenticate")).hasValue("Bearer");
    assertThat(subgraphCalls).isEmpty();
    String valid = keys.rs256(TestKeys.claims(Instant.now()).build());
    HttpResponse<byte[]> ok = http.postJson("/graphql", QUERY, "authorization", "Bearer " + valid);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(subgraphCalls).hasSize(1);
  }
}
