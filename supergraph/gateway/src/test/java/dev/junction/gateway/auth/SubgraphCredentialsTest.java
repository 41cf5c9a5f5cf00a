package dev.junction.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.junction.gateway.HeaderPropagator;
import dev.junction.gateway.Identity;
import dev.junction.gateway.headers.CallerCredentialHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SubgraphCredentialsTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final Identity ALICE =
      new Identity("t", Map.of("sub", "cust-001", "scope", "orders:write  admin"));

  /** A clock a test moves by hand. */
  private static final class HandClock extends Clock {
    final AtomicReference<Instant> now =
        new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  @Test
  void theTokenNamesTheGatewayTheSubgraphAndTheEndUser() throws Exception {
    HandClock clock = new HandClock();
    SubgraphCredentials credentials = new SubgraphCredentials(SECRET, Map.of(), clock);
    SignedJWT jwt = SignedJWT.parse(credentials.tokenFor("orders", ALICE));
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    assertThat(jwt.verify(new MACVerifier(SECRET))).isTrue();
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("gateway");
    assertThat(claims.getAudience()).containsExactly("orders");
    assertThat(claims.getIssueTime().toInstant()).isEqualTo(clock.instant());
    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(clock.instant().plusSeconds(60));
    assertThat(claims.getStringClaim("user_sub")).isEqualTo("cust-001");
    assertThat(claims.getStringClaim("user_scope")).isEqualTo("orders:write admin");

    JWTClaimsSet anonymous =
        SignedJWT.parse(credentials.tokenFor("orders", Identity.ANONYMOUS)).getJWTClaimsSet();
    assertThat(anonymous.getClaims()).containsOnlyKeys("iss", "aud", "iat", "exp");
    // a token without sub (a machine client) keeps its scopes
    JWTClaimsSet machine =
        SignedJWT.parse(credentials.tokenFor("orders", new Identity("t", Map.of("scope", "admin"))))
            .getJWTClaimsSet();
    assertThat(machine.getClaims()).doesNotContainKey("user_sub");
    assertThat(machine.getStringClaim("user_scope")).isEqualTo("admin");
    JWTClaimsSet scp =
        SignedJWT.parse(
                credentials.tokenFor(
                    "orders", new Identity("t", Map.of("sub", "u", "scp", List.of("a", "b")))))
            .getJWTClaimsSet();
    assertThat(scp.getStringClaim("user_scope")).isEqualTo("a b");
  }

  @Test
  void tokensAreReusedForHalfTheirLifetimePerSubgraphAndUser() {
    HandClock clock = new HandClock();
    SubgraphCredentials credentials = new SubgraphCredentials(SECRET, Map.of(), clock);
    String first = credentials.tokenFor("orders", ALICE);
    assertThat(credentials.tokenFor("orders", ALICE)).isSameAs(first);
    assertThat(credentials.tokenFor("accounts", ALICE)).isNotEqualTo(first);
    assertThat(credentials.tokenFor("orders", new Identity("t", Map.of("sub", "cust-002"))))
        .isNotEqualTo(first);
    clock.now.set(clock.instant().plus(Duration.ofSeconds(29)));
    assertThat(credentials.tokenFor("orders", ALICE)).isSameAs(first);
    clock.now.set(clock.instant().plus(Duration.ofSeconds(1)));
    assertThat(credentials.tokenFor("orders", ALICE)).isNotEqualTo(first);
  }

  @Test
  void onlySubgraphsWithASecretGetAToken() {
    SubgraphCredentials onlyPayments =
        new SubgraphCredentials(null, Map.of("payments", SECRET), Clock.systemUTC());
    assertThat(onlyPayments.covers("payments")).isTrue();
    assertThat(onlyPayments.covers("orders")).isFalse();
    assertThat(onlyPayments.tokenFor("orders", ALICE)).isNull();
    assertThatThrownBy(() -> new SubgraphCredentials("short", Map.of(), Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32 bytes");
  }

  @Test
  void aClientCannotChooseTheCredential() throws Exception {
    SubgraphCredentials credentials = new SubgraphCredentials(SECRET, Map.of(), Clock.systemUTC());
    // rules that copy every header and insert one under the credential's name, in any case
    HeaderPropagator rules =
        (subgraph, client) -> {
          Map<String, List<String>> out = new java.util.LinkedHashMap<>(client);
          out.put("X-Junction-Caller", List.of("inserted"));
          return out;
        };
    CallerCredentialHeaders headers = new CallerCredentialHeaders(rules, credentials);
    Map<String, List<String>> sent =
        headers.headersFor(
            "orders",
            Map.of("x-junction-caller", List.of("forged"), "x-trace-id", List.of("1")),
            ALICE);
    assertThat(sent).containsOnlyKeys("x-trace-id", "x-junction-caller");
    String token = sent.get("x-junction-caller").get(0);
    assertThat(SignedJWT.parse(token).verify(new MACVerifier(SECRET))).isTrue();
    assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("user_sub"))
        .isEqualTo("cust-001");
  }

  /** The cost per subgraph call: a cached token, and minting one (measured, printed). */
  @Test
  void perCallCost() {
    SubgraphCredentials credentials = new SubgraphCredentials(SECRET, Map.of(), Clock.systemUTC());
    CallerCredentialHeaders headers =
        new CallerCredentialHeaders(HeaderPropagator.NONE, credentials);
    int n = 200_000;
    long sink = 0;
    for (int i = 0; i < n; i++) { // warm-up
      sink += headers.headersFor("orders", Map.of(), ALICE).size();
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sink += headers.headersFor("orders", Map.of(), ALICE).size();
    }
    double cachedMicros = (System.nanoTime() - t0) / 1e3 / n;
    int m = 5_000;
    long t1 = System.nanoTime();
    for (int i = 0; i < m; i++) {
      sink +=
          credentials.tokenFor("orders", new Identity("t", Map.of("sub", "user-" + i))).length();
    }
    double mintMicros = (System.nanoTime() - t1) / 1e3 / m;
    System.out.printf(
        "caller credential: %.3f us per call with a cached token, %.1f us to mint one (%d)%n",
        cachedMicros, mintMicros, sink);
    assertThat(cachedMicros).isLessThan(50);
    assertThat(mintMicros).isLessThan(2_000);
  }
}
