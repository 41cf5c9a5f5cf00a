package dev.junction.gateway.http;

import static dev.junction.gateway.http.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import dev.junction.gateway.GatewayResponse;
import dev.junction.gateway.Identity;
import dev.junction.gateway.auth.JwtAuthenticator;
import dev.junction.gateway.auth.TestKeys;
import dev.junction.gateway.config.AuthenticationConfig;
import dev.junction.gateway.config.CorsConfig;
import dev.junction.gateway.config.ServerConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token faults over real HTTP: 401 UNAUTHENTICATED, the engine never called, the server healthy.
 */
class AuthenticationHttpTest {
  @TempDir Path dir;

  @Test
  void tokenFaultsAre401AndAValidTokenReachesTheEngineWithItsClaims() throws Exception {
    TestKeys keys = new TestKeys();
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, keys.jwks());
    AuthenticationConfig config =
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
            8192);
    AtomicInteger calls = new AtomicInteger();
    AtomicReference<Identity> seen = new AtomicReference<>();
    GraphQLHandler handler =
        request -> {
          calls.incrementAndGet();
          seen.set(request.identity());
          return reactor.core.publisher.Mono.just(
              GatewayResponse.executed(Map.of("ok", true), List.of(), Map.of()));
        };
    JwtAuthenticator authenticator =
        new JwtAuthenticator(config, null, java.time.Clock.systemUTC());
    GatewayHttpServer server =
        new GatewayHttpServer(
                handler,
                new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_REQUEST_BYTES, false),
                CorsConfig.disabled(),
                0,
                null,
                dev.junction.gateway.config.CsrfConfig.defaults(),
                dev.junction.gateway.config.RateLimitConfig.disabled(),
                authenticator)
            .start();
    try {
      HttpTestClient http = new HttpTestClient(server.port());
      Instant now = Instant.now();
      String valid = keys.rs256(TestKeys.claims(now).build());
      String payload = TestKeys.b64(TestKeys.claims(now).build().toString());
      List<String> faults = new ArrayList<>();
      faults.add("Bearer abc");
      faults.add("Bearer a.b.c");
      faults.add("Bearer ");
      faults.add("Basic dXNlcjpwYXNz");
      faults.add("Token " + valid);
      faults.add("Bearer " + valid.substring(0, valid.length() - 4));
      faults.add("Bearer " + TestKeys.b64("{\"alg\":\"none\"}") + "." + payload + ".");
      faults.add(
          "Bearer "
              + keys.rs256(
                  TestKeys.claims(now.minusSeconds(7200))
                      .expirationTime(Date.from(now.minusSeconds(3600)))
                      .build()));
      faults.add("Bearer " + keys.rs256(TestKeys.claims(now).issuer("https://other").build()));
      faults.add("Bearer " + keys.rs256(TestKeys.claims(now).audience("other").build()));
      faults.add("Bearer " + new TestKeys().rs256(TestKeys.claims(now).build()));
      faults.add(
          "Bearer "
              + keys.sign(JWSAlgorithm.RS256, "unknown", TestKeys.claims(now).build(), h -> h));
      faults.add(
          "Bearer " + keys.sign(JWSAlgorithm.RS512, "rsa", TestKeys.claims(now).build(), h -> h));
      faults.add("Bearer " + "x".repeat(8000));
      for (String fault : faults) {
        HttpResponse<byte[]> r =
            http.postJson("/graphql", "{\"query\":\"{ ok }\"}", "authorization", fault);
        JsonNode body = json(r);
        assertThat(r.statusCode()).as(fault).isEqualTo(401);
        assertThat(body.at("/errors/0/extensions/code").asText()).isEqualTo("UNAUTHENTICATED");
      }
      HttpResponse<byte[]> huge =
          http.postJson(
              "/graphql", "{\"query\":\"{ ok }\"}", "authorization", "Bearer " + "x".repeat(20000));
      assertThat(huge.statusCode()).isBetween(400, 499);
      assertThat(calls.get()).isZero();

      HttpResponse<byte[]> ok =
          http.postJson("/graphql", "{\"query\":\"{ ok }\"}", "authorization", "Bearer " + valid);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(calls.get()).isEqualTo(1);
      assertThat(seen.get().subject()).isEqualTo("cust-001");
      HttpResponse<byte[]> anonymous = http.postJson("/graphql", "{\"query\":\"{ ok }\"}");
      assertThat(anonymous.statusCode()).isEqualTo(200);
      assertThat(seen.get()).isEqualTo(Identity.ANONYMOUS);
      assertThat(http.get("/health").statusCode()).isEqualTo(200);
    } finally {
      server.shutdown(Duration.ofSeconds(1));
      authenticator.close();
    }
  }
}
