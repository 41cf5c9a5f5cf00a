package dev.junction.subgraph.common.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTokensTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private static final CallerTokens TOKENS =
      new CallerTokens(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

  private static CallerTokens at(Instant when) {
    return new CallerTokens(SECRET, Clock.fixed(when, ZoneOffset.UTC));
  }

  @Test
  void aMintedTokenVerifiesWithItsCallerAndEndUser() {
    String token = TOKENS.mint("gateway", "orders", "cust-001", Set.of("admin", "orders:write"));
    CallerTokens.Verified v = TOKENS.verify(token, "orders");
    assertThat(v.caller())
        .isEqualTo(new Caller("gateway", "cust-001", Set.of("admin", "orders:write")));
    assertThat(v.caller().admin()).isTrue();
    assertThat(v.caller().trustedService()).isFalse();
    assertThat(v.expiresAt()).isEqualTo(NOW.plusSeconds(60));

    Caller saga =
        TOKENS.verify(TOKENS.mint("orders", "payments", null, Set.of()), "payments").caller();
    assertThat(saga.anonymous()).isTrue();
    assertThat(saga.trustedService()).isTrue();
  }

  @Test
  void refusesOtherSecretsAudiencesExpiredAndUnsignedTokens() throws Exception {
    String token = TOKENS.mint("gateway", "orders", "cust-001", Set.of());
    assertThatThrownBy(() -> TOKENS.verify(token, "payments"))
        .isInstanceOf(CallerTokens.InvalidCallerToken.class)
        .hasMessageContaining("audience");
    assertThatThrownBy(
            () ->
                new CallerTokens("fedcba9876543210fedcba9876543210", Clock.systemUTC())
                    .verify(token, "orders"))
        .hasMessage("bad signature");
    assertThatThrownBy(() -> at(NOW.plusSeconds(71)).verify(token, "orders")).hasMessage("expired");
    // within the clock skew
    assertThat(at(NOW.plusSeconds(65)).verify(token, "orders").caller().userId())
        .isEqualTo("cust-001");
    assertThatThrownBy(() -> at(NOW.minusSeconds(60)).verify(token, "orders"))
        .hasMessageContaining("future");
    assertThatThrownBy(() -> TOKENS.verify(null, "orders")).hasMessage("missing");
    assertThatThrownBy(() -> TOKENS.verify("not.a.jws", "orders")).hasMessage("malformed");
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("gateway")
            .audience("orders")
            .issueTime(Date.from(NOW))
            .expirationTime(Date.from(NOW.plusSeconds(60)))
            .build();
    assertThatThrownBy(() -> TOKENS.verify(new PlainJWT(claims).serialize(), "orders"))
        .isInstanceOf(CallerTokens.InvalidCallerToken.class);
    // a token that lives longer than 60 s is refused even when correctly signed
    SignedJWT longLived =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256),
            new JWTClaimsSet.Builder(claims)
                .expirationTime(Date.from(NOW.plusSeconds(3600)))
                .build());
    longLived.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> TOKENS.verify(longLived.serialize(), "orders"))
        .hasMessageContaining("too long");
  }

  /** What verifying costs a subgraph: a full verification, and a token the filter has seen. */
  @Test
  void verificationCost() {
    CallerTokens tokens = new CallerTokens(SECRET, Clock.systemUTC());
    String token = tokens.mint("gateway", "orders", "cust-001", Set.of("admin"));
    CallerAuthFilter filter = new CallerAuthFilter(tokens, "orders", Clock.systemUTC());
    int n = 20_000;
    long sink = 0;
    for (int i = 0; i < n; i++) {
      sink += tokens.verify(token, "orders").caller().scopes().size();
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sink += tokens.verify(token, "orders").caller().scopes().size();
    }
    double full = (System.nanoTime() - t0) / 1e3 / n;
    int m = 200_000;
    for (int i = 0; i < m; i++) {
      sink += filter.callerOf(token).scopes().size();
    }
    long t1 = System.nanoTime();
    for (int i = 0; i < m; i++) {
      sink += filter.callerOf(token).scopes().size();
    }
    double seen = (System.nanoTime() - t1) / 1e3 / m;
    System.out.printf(
        "caller token: %.1f us to verify, %.3f us when already seen (%d)%n", full, seen, sink);
    assertThat(seen).isLessThan(full);
  }

  @Test
  void aShortSecretIsRefused() {
    assertThatThrownBy(() -> new CallerTokens("short", Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32 bytes");
  }

  @Test
  void ownerChecks() {
    Caller alice = new Caller("gateway", "cust-001", Set.of());
    Caller admin = new Caller("gateway", "boss", Set.of("admin"));
    Caller anonymous = new Caller("gateway", null, Set.of());
    Caller saga = new Caller("orders", "cust-002", Set.of());
    assertThat(OwnerCheck.mayRead(alice, "cust-001")).isTrue();
    assertThat(OwnerCheck.mayRead(alice, "cust-002")).isFalse();
    assertThat(OwnerCheck.mayRead(alice, null)).isFalse();
    assertThat(OwnerCheck.mayRead(admin, "cust-002")).isTrue();
    assertThat(OwnerCheck.mayRead(saga, "cust-001")).isTrue();
    assertThat(OwnerCheck.mayRead(anonymous, "cust-001")).isFalse();
    assertThat(OwnerCheck.mayRead(Caller.UNVERIFIED, "cust-001")).isTrue();
    assertThatThrownBy(() -> OwnerCheck.requireOwner(alice, "cust-002", "order 1"))
        .hasFieldOrPropertyWithValue("code", "FORBIDDEN");
    assertThatThrownBy(() -> OwnerCheck.requireOwner(anonymous, "cust-002", "order 1"))
        .hasFieldOrPropertyWithValue("code", "UNAUTHENTICATED");
  }
}
