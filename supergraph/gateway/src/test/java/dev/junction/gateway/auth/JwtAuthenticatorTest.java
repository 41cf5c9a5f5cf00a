package dev.junction.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import dev.junction.gateway.Identity;
import dev.junction.gateway.auth.AuthenticationException.Reason;
import dev.junction.gateway.config.AuthenticationConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtAuthenticatorTest {
  private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");
  private static final TestKeys KEYS = new TestKeys();

  @TempDir Path dir;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private JwtAuthenticator authenticator;
  private HttpServer jwksServer;

  @AfterEach
  void stop() {
    if (authenticator != null) {
      authenticator.close();
    }
    if (jwksServer != null) {
      jwksServer.stop(0);
    }
  }

  static AuthenticationConfig config(Path file, URI url) {
    return new AuthenticationConfig(
        true,
        "authorization",
        "Bearer",
        false,
        file,
        url,
        Duration.ofMinutes(5),
        Duration.ofSeconds(2),
        TestKeys.ISSUER,
        List.of(TestKeys.AUDIENCE, "other-audience"),
        AuthenticationConfig.DEFAULT_ALGORITHMS,
        Duration.ofSeconds(60),
        8192);
  }

  private AuthenticationConfig fileConfig() throws IOException {
    Path file = dir.resolve("jwks.json");
    Files.writeString(file, KEYS.jwks());
    return config(file, null);
  }

  private JwtAuthenticator start(AuthenticationConfig config, Instant now) {
    authenticator = new JwtAuthenticator(config, meters, Clock.fixed(now, ZoneOffset.UTC));
    return authenticator;
  }

  private JwtAuthenticator start() throws IOException {
    return start(fileConfig(), NOW);
  }

  private static Map<String, List<String>> bearer(String token) {
    return Map.of("authorization", List.of("Bearer " + token));
  }

  private Reason refused(Map<String, List<String>> headers) {
    try {
      Identity identity = authenticator.authenticate(headers);
      throw new AssertionError("accepted: " + identity);
    } catch (AuthenticationException e) {
      return e.reason();
    }
  }

  private Reason refused(String token) {
    return refused(bearer(token));
  }

  private static String kid(String alg) {
    return switch (alg) {
      case "RS256" -> "rsa";
      case "ES256" -> "ec";
      case "EdDSA" -> "ed";
      default -> "hmac";
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"RS256", "ES256", "EdDSA", "HS256"})
  void everyAlgorithmVerifiesWithItsKey(String alg) throws IOException {
    start();
    String token =
        KEYS.sign(
            JWSAlgorithm.parse(alg),
            kid(alg),
            TestKeys.claims(NOW).claim("scope", "a b").build(),
            h -> h);

    Identity identity = authenticator.authenticate(bearer(token));

    assertThat(identity.authenticated()).isTrue();
    assertThat(identity.subject()).isEqualTo("cust-001");
    assertThat(identity.claim("scope")).isEqualTo("a b");
    assertThat(identity.token()).isEqualTo(token);
  }

  @ParameterizedTest
  @ValueSource(strings = {"RS256", "ES256", "EdDSA", "HS256"})
  void aTokenWithoutKidIsCheckedAgainstTheKeysOfItsType(String alg) throws IOException {
    start();
    String token = KEYS.sign(JWSAlgorithm.parse(alg), null, TestKeys.claims(NOW).build(), h -> h);

    assertThat(authenticator.authenticate(bearer(token)).subject()).isEqualTo("cust-001");
  }

  @Test
  void aSignatureByAnotherKeyIsRefused() throws IOException {
    start();
    TestKeys other = new TestKeys();
    for (String alg : List.of("RS256", "ES256", "EdDSA", "HS256")) {
      String token =
          other.sign(JWSAlgorithm.parse(alg), kid(alg), TestKeys.claims(NOW).build(), h -> h);
      assertThat(refused(token)).as(alg).isEqualTo(Reason.BAD_SIGNATURE);
    }
  }

  @Test
  void expAndNbfAllowTheClockSkewAndNoMore() throws IOException {
    start();
    JWTClaimsSet.Builder base = TestKeys.claims(NOW.minusSeconds(7200));
    String justExpired = KEYS.rs256(base.expirationTime(Date.from(NOW.minusSeconds(30))).build());
    String longExpired = KEYS.rs256(base.expirationTime(Date.from(NOW.minusSeconds(61))).build());
    String soonValid =
        KEYS.rs256(TestKeys.claims(NOW).notBeforeTime(Date.from(NOW.plusSeconds(30))).build());
    String notYetValid =
        KEYS.rs256(TestKeys.claims(NOW).notBeforeTime(Date.from(NOW.plusSeconds(90))).build());
    String noExp = KEYS.rs256(TestKeys.claims(NOW).expirationTime(null).build());

    assertThat(authenticator.authenticate(bearer(justExpired)).authenticated()).isTrue();
    assertThat(refused(longExpired)).isEqualTo(Reason.EXPIRED);
    assertThat(authenticator.authenticate(bearer(soonValid)).authenticated()).isTrue();
    assertThat(refused(notYetValid)).isEqualTo(Reason.NOT_YET_VALID);
    assertThat(refused(noExp)).isEqualTo(Reason.EXPIRED);
  }

  @Test
  void issuerAndAudienceAreChecked() throws IOException {
    start();
    assertThat(refused(KEYS.rs256(TestKeys.claims(NOW).issuer("https://evil.test").build())))
        .isEqualTo(Reason.ISSUER);
    assertThat(refused(KEYS.rs256(TestKeys.claims(NOW).issuer(null).build())))
        .isEqualTo(Reason.ISSUER);
    assertThat(refused(KEYS.rs256(TestKeys.claims(NOW).audience("someone-else").build())))
        .isEqualTo(Reason.AUDIENCE);
    assertThat(refused(KEYS.rs256(TestKeys.claims(NOW).audience((String) null).build())))
        .isEqualTo(Reason.AUDIENCE);
    String second =
        KEYS.rs256(TestKeys.claims(NOW).audience(List.of("x", "other-audience")).build());
    assertThat(authenticator.authenticate(bearer(second)).authenticated()).isTrue();
  }

  @Test
  void algNoneIsNeverAccepted() throws IOException {
    start();
    String payload = TestKeys.b64(TestKeys.claims(NOW).build().toString());
    for (String header :
        List.of("{\"alg\":\"none\"}", "{\"alg\":\"none\",\"kid\":\"rsa\"}", "{\"alg\":\"NONE\"}")) {
      String unsigned = TestKeys.b64(header) + "." + payload + ".";
      assertThat(refused(unsigned)).as(header).isIn(Reason.ALGORITHM, Reason.MALFORMED);
    }
    assertThat(refused(TestKeys.b64("{\"alg\":\"none\"}") + "." + payload + "."))
        .isEqualTo(Reason.ALGORITHM);
  }

  @Test
  void anHmacTokenKeyedWithTheRsaPublicKeyIsRefused() throws Exception {
    start();
    // The classic confusion attack: HS256 with the RSA public key (as published) as the secret.
    byte[] publicKeyBytes = KEYS.rsa.toPublicJWK().toRSAPublicKey().getEncoded();
    com.nimbusds.jwt.SignedJWT forged =
        new com.nimbusds.jwt.SignedJWT(
            new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa").build(),
            TestKeys.claims(NOW).build());
    forged.sign(new com.nimbusds.jose.crypto.MACSigner(publicKeyBytes));
    assertThat(refused(forged.serialize())).isEqualTo(Reason.UNKNOWN_KEY);

    com.nimbusds.jwt.SignedJWT noKid =
        new com.nimbusds.jwt.SignedJWT(
            new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.HS256).build(),
            TestKeys.claims(NOW).build());
    noKid.sign(new com.nimbusds.jose.crypto.MACSigner(publicKeyBytes));
    assertThat(refused(noKid.serialize())).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void unknownKidAndUnacceptedAlgorithmsAreRefused() throws IOException {
    start();
    assertThat(refused(KEYS.sign(JWSAlgorithm.RS256, "nope", TestKeys.claims(NOW).build(), h -> h)))
        .isEqualTo(Reason.UNKNOWN_KEY);
    assertThat(refused(KEYS.sign(JWSAlgorithm.RS384, "rsa", TestKeys.claims(NOW).build(), h -> h)))
        .isEqualTo(Reason.ALGORITHM);
    // an RS256 token naming the EC key: the key type does not fit the algorithm
    assertThat(refused(KEYS.sign(JWSAlgorithm.RS256, "ec", TestKeys.claims(NOW).build(), h -> h)))
        .isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  void malformedHeadersAndTokens() throws IOException {
    start();
    String valid = KEYS.rs256(TestKeys.claims(NOW).build());
    assertThat(authenticator.authenticate(Map.of())).isEqualTo(Identity.ANONYMOUS);
    assertThat(refused(Map.of("authorization", List.of("Basic dXNlcjpwYXNz"))))
        .isEqualTo(Reason.MALFORMED);
    assertThat(refused(Map.of("authorization", List.of("Bearer ")))).isEqualTo(Reason.MALFORMED);
    assertThat(refused(Map.of("authorization", List.of("Bearer " + valid, "Bearer " + valid))))
        .isEqualTo(Reason.MALFORMED);
    assertThat(refused("abc")).isEqualTo(Reason.MALFORMED);
    assertThat(refused("a.b.c")).isEqualTo(Reason.MALFORMED);
    assertThat(refused(valid.substring(0, valid.length() - 5))).isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(refused("x".repeat(9000))).isEqualTo(Reason.TOO_LARGE);
    assertThat(
            authenticator
                .authenticate(Map.of("authorization", List.of("bearer " + valid)))
                .subject())
        .isEqualTo("cust-001");
    assertThat(meters.get(JwtAuthenticator.FAILURES).tag("reason", "malformed").counter().count())
        .isEqualTo(5);
    assertThat(meters.get(JwtAuthenticator.FAILURES).tag("reason", "too_large").counter().count())
        .isEqualTo(1);
  }

  @Test
  void requiredAuthenticationRefusesAnonymousRequestsAndOtherHeadersWork() throws IOException {
    AuthenticationConfig c = fileConfig();
    start(
        new AuthenticationConfig(
            true,
            "x-token",
            "",
            true,
            c.jwksFile(),
            null,
            c.jwksRefreshInterval(),
            c.jwksTimeout(),
            null,
            List.of(),
            Set.of("ES256"),
            Duration.ZERO,
            8192),
        NOW);
    assertThat(refused(Map.of())).isEqualTo(Reason.MISSING);
    assertThat(refused(Map.of("authorization", List.of("Bearer x")))).isEqualTo(Reason.MISSING);
    String es = KEYS.sign(JWSAlgorithm.ES256, "ec", TestKeys.claims(NOW).build(), h -> h);
    assertThat(authenticator.authenticate(Map.of("x-token", List.of(es))).subject())
        .isEqualTo("cust-001");
    String rs = KEYS.rs256(TestKeys.claims(NOW).build());
    assertThat(refused(Map.of("x-token", List.of(rs)))).isEqualTo(Reason.ALGORITHM);
  }

  @Test
  void withoutACacheEveryRequestIsVerified() throws IOException {
    AuthenticationConfig c = fileConfig();
    authenticator =
        new JwtAuthenticator(
            new AuthenticationConfig(
                c.enabled(),
                c.headerName(),
                c.headerPrefix(),
                c.requireAuthentication(),
                c.jwksFile(),
                c.jwksUrl(),
                c.jwksRefreshInterval(),
                c.jwksTimeout(),
                c.issuer(),
                c.audiences(),
                c.algorithms(),
                c.clockSkew(),
                c.maxTokenBytes(),
                0,
                c.cacheTtl()),
            meters,
            Clock.fixed(NOW, ZoneOffset.UTC));
    String token = KEYS.rs256(TestKeys.claims(NOW).build());
    Identity first = authenticator.authenticate(bearer(token));
    Identity second = authenticator.authenticate(bearer(token));
    assertThat(second).isEqualTo(first).isNotSameAs(first);
    assertThat(authenticator.cached()).isZero();
  }

  @Test
  void verifiedTokensAreCachedUntilTheirExpiry() throws IOException {
    start();
    String token =
        KEYS.rs256(TestKeys.claims(NOW).expirationTime(Date.from(NOW.plusSeconds(10))).build());
    Identity first = authenticator.authenticate(bearer(token));
    assertThat(authenticator.authenticate(bearer(token))).isSameAs(first);
    assertThat(authenticator.cached()).isEqualTo(1);
    authenticator.close();

    // later than exp (+ skew): the cached entry is not used
    JwtAuthenticator later =
        new JwtAuthenticator(
            fileConfig(), meters, Clock.fixed(NOW.plusSeconds(80), ZoneOffset.UTC));
    try {
      assertThatThrownBy(() -> later.authenticate(bearer(token)))
          .isInstanceOf(AuthenticationException.class)
          .hasMessage(Reason.EXPIRED.message());
    } finally {
      later.close();
    }
  }

  private URI serveJwks(AtomicReference<String> body, AtomicInteger status) throws IOException {
    jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwksServer.createContext(
        "/jwks",
        exchange -> {
          byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("content-type", "application/json");
          exchange.sendResponseHeaders(status.get(), bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    jwksServer.start();
    return URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks");
  }

  @Test
  void whenTheJwksUrlFailsTheKeysLoadedBeforeAreKept() throws IOException {
    AtomicReference<String> body = new AtomicReference<>(KEYS.jwks());
    AtomicInteger status = new AtomicInteger(200);
    start(config(null, serveJwks(body, status)), NOW);
    assertThat(
            authenticator
                .authenticate(bearer(KEYS.rs256(TestKeys.claims(NOW).jwtID("1").build())))
                .authenticated())
        .isTrue();

    status.set(503);
    assertThat(authenticator.reloadKeys()).isFalse();
    assertThat(
            authenticator
                .authenticate(bearer(KEYS.rs256(TestKeys.claims(NOW).jwtID("2").build())))
                .authenticated())
        .isTrue();

    status.set(200);
    body.set("{\"keys\": not json");
    assertThat(authenticator.reloadKeys()).isFalse();
    jwksServer.stop(0);
    jwksServer = null;
    assertThat(authenticator.reloadKeys()).isFalse();
    assertThat(
            authenticator
                .authenticate(bearer(KEYS.rs256(TestKeys.claims(NOW).jwtID("3").build())))
                .authenticated())
        .isTrue();
  }

  @Test
  void aJwksUrlDownAtStartRefusesTokensWithoutHanging() throws IOException {
    AtomicReference<String> body = new AtomicReference<>(KEYS.jwks());
    AtomicInteger status = new AtomicInteger(200);
    URI url = serveJwks(body, status);
    jwksServer.stop(0);
    jwksServer = null;
    long start = System.nanoTime();
    start(config(null, url), NOW);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(refused(KEYS.rs256(TestKeys.claims(NOW).build()))).isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  void aSlowJwksUrlTimesOut() throws IOException {
    jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwksServer.createContext(
        "/jwks",
        exchange -> {
          try {
            Thread.sleep(5_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    jwksServer.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    jwksServer.start();
    URI url = URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks");
    AuthenticationConfig base = config(null, url);
    long start = System.nanoTime();
    start(
        new AuthenticationConfig(
            true,
            "authorization",
            "Bearer",
            false,
            null,
            url,
            Duration.ofMinutes(5),
            Duration.ofMillis(300),
            base.issuer(),
            base.audiences(),
            base.algorithms(),
            base.clockSkew(),
            8192),
        NOW);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(refused(KEYS.rs256(TestKeys.claims(NOW).build()))).isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  void theBackgroundRefreshPicksUpARotatedKey() throws Exception {
    TestKeys rotated = new TestKeys("-2");
    AtomicReference<String> body = new AtomicReference<>(KEYS.jwks());
    AtomicInteger status = new AtomicInteger(200);
    URI url = serveJwks(body, status);
    AuthenticationConfig base = config(null, url);
    start(
        new AuthenticationConfig(
            true,
            "authorization",
            "Bearer",
            false,
            null,
            url,
            Duration.ofMillis(200),
            Duration.ofSeconds(1),
            base.issuer(),
            base.audiences(),
            base.algorithms(),
            base.clockSkew(),
            8192),
        NOW);
    String newToken = rotated.rs256(TestKeys.claims(NOW).build());
    assertThat(refused(newToken)).isEqualTo(Reason.UNKNOWN_KEY);

    body.set(rotated.jwks());
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Identity identity = null;
    while (identity == null && System.nanoTime() < deadline) {
      try {
        identity = authenticator.authenticate(bearer(newToken));
      } catch (AuthenticationException e) {
        Thread.sleep(50);
      }
    }
    assertThat(identity).as("the rotated key was picked up").isNotNull();
    // the old key is gone from the set: its new tokens are refused
    assertThat(refused(KEYS.rs256(TestKeys.claims(NOW).jwtID("old").build())))
        .isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  void verificationCost() throws IOException {
    start(fileConfig(), Instant.now());
    int n = 2000;
    String[] tokens = new String[n];
    for (int i = 0; i < n; i++) {
      tokens[i] = KEYS.rs256(TestKeys.claims(Instant.now()).jwtID("j" + i).build());
    }
    for (int i = 0; i < 500; i++) {
      authenticator.authenticate(bearer(tokens[i])); // warm up
    }
    long start = System.nanoTime();
    for (int i = 500; i < n; i++) {
      authenticator.authenticate(bearer(tokens[i]));
    }
    double uncached = (System.nanoTime() - start) / 1000.0 / (n - 500);
    Map<String, List<String>> headers = bearer(tokens[0]);
    start = System.nanoTime();
    for (int i = 0; i < 100_000; i++) {
      authenticator.authenticate(headers);
    }
    double cached = (System.nanoTime() - start) / 1000.0 / 100_000;
    System.out.printf(
        "RS256 verification: %.1f us per new token, %.3f us per cached token%n", uncached, cached);
    assertThat(cached).isLessThan(uncached);
  }
}
