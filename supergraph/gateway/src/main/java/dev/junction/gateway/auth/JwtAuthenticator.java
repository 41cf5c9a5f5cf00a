package dev.junction.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.junction.gateway.Identity;
import dev.junction.gateway.auth.AuthenticationException.Reason;
import dev.junction.gateway.config.AuthenticationConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies JWT bearer tokens against a JWKS ({@link AuthenticationConfig}): signature by a key
 * whose type fits the token's {@code alg} (so an RSA public key is never taken for an HMAC secret;
 * {@code alg: none} is never accepted), {@code exp} (required) and {@code nbf} with the clock skew,
 * {@code iss} and {@code aud}. Verified tokens are cached by their text until {@code min(exp,
 * cache.ttl)}, in a bounded cache ({@link GenerationCache}), so a client that reuses its token pays
 * for one signature check a minute. Each refusal counts in {@link #FAILURES}, tagged {@code
 * reason}.
 */
public final class JwtAuthenticator implements Authenticator {
  /** Counter of refused tokens, tagged {@code reason} ({@link Reason#tag()}). */
  public static final String FAILURES = "junction.authentication.failures";

  private final AuthenticationConfig config;
  private final JwksKeys keys;
  private final Clock clock;
  private final Set<JWSAlgorithm> algorithms;
  private final String prefix;
  private final Map<Reason, Counter> failures = new EnumMap<>(Reason.class);
  private final GenerationCache<String, Identity> cache;
  private final long cacheTtlMillis;

  /**
   * Loads the key set (a URL that cannot be reached leaves it empty: every token is refused until a
   * background reload succeeds) and starts its background refresh.
   *
   * @param config an enabled authentication config
   * @param meters where failures are counted; null for a private registry
   * @param clock the time {@code exp} and {@code nbf} are checked against
   */
  public JwtAuthenticator(AuthenticationConfig config, MeterRegistry meters, Clock clock) {
    if (!config.enabled()) {
      throw new IllegalArgumentException("authentication is disabled");
    }
    this.config = config;
    this.clock = clock;
    this.algorithms =
        config.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
    this.prefix = config.headerPrefix().isEmpty() ? "" : config.headerPrefix() + " ";
    this.cache = new GenerationCache<>(config.cacheMaxEntries());
    this.cacheTtlMillis = config.cacheTtl().toMillis();
    MeterRegistry registry = meters == null ? new SimpleMeterRegistry() : meters;
    for (Reason reason : Reason.values()) {
      failures.put(
          reason,
          Counter.builder(FAILURES)
              .description("Requests refused with 401 UNAUTHENTICATED, by reason")
              .tag("reason", reason.tag())
              .register(registry));
    }
    this.keys =
        new JwksKeys(
            config.jwksFile(),
            config.jwksUrl(),
            config.jwksRefreshInterval(),
            Duration.ofSeconds(10).compareTo(config.jwksRefreshInterval()) < 0
                ? Duration.ofSeconds(10)
                : config.jwksRefreshInterval(),
            config.jwksTimeout());
  }

  /** Builds the authenticator a config asks for: {@link Authenticator#NONE} when disabled. */
  public static Authenticator of(AuthenticationConfig config, MeterRegistry meters) {
    return config.enabled()
        ? new JwtAuthenticator(config, meters, Clock.systemUTC())
        : Authenticator.NONE;
  }

  @Override
  public Identity authenticate(Map<String, List<String>> headers) {
    List<String> values = headers.get(config.headerName());
    if (values == null || values.isEmpty()) {
      if (config.requireAuthentication()) {
        throw fail(Reason.MISSING);
      }
      return Identity.ANONYMOUS;
    }
    if (values.size() > 1) {
      throw fail(Reason.MALFORMED);
    }
    String value = values.get(0);
    if (value.length() > config.maxTokenBytes()) {
      throw fail(Reason.TOO_LARGE);
    }
    if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
      throw fail(Reason.MALFORMED);
    }
    String token = value.substring(prefix.length()).trim();
    if (token.isEmpty()) {
      throw fail(Reason.MALFORMED);
    }
    long now = clock.millis();
    Identity cached = cache.get(token, now);
    if (cached != null) {
      return cached;
    }
    try {
      Identity identity = verify(token, now);
      return identity;
    } catch (AuthenticationException e) {
      failures.get(e.reason()).increment();
      throw e;
    }
  }

  private Identity verify(String token, long now) {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException | RuntimeException e) {
      throw new AuthenticationException(unsigned(token) ? Reason.ALGORITHM : Reason.MALFORMED);
    }
    JWSHeader header = jwt.getHeader();
    JWSAlgorithm alg = header.getAlgorithm();
    if (!algorithms.contains(alg)) {
      throw new AuthenticationException(Reason.ALGORITHM);
    }
    List<JwksKeys.Key> candidates = keys.candidates(header.getKeyID(), alg);
    if (candidates.isEmpty()) {
      keys.refreshSoon();
      throw new AuthenticationException(Reason.UNKNOWN_KEY);
    }
    boolean verified = false;
    for (JwksKeys.Key key : candidates) {
      try {
        if (jwt.verify(key.verifier())) {
          verified = true;
          break;
        }
      } catch (JOSEException | RuntimeException e) {
        // a key that cannot check this signature: try the next
      }
    }
    if (!verified) {
      throw new AuthenticationException(Reason.BAD_SIGNATURE);
    }
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new AuthenticationException(Reason.MALFORMED);
    }
    long skew = config.clockSkew().toMillis();
    Date exp = claims.getExpirationTime();
    if (exp == null || now > exp.getTime() + skew) {
      throw new AuthenticationException(Reason.EXPIRED);
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now + skew < nbf.getTime()) {
      throw new AuthenticationException(Reason.NOT_YET_VALID);
    }
    if (config.issuer() != null && !config.issuer().equals(claims.getIssuer())) {
      throw new AuthenticationException(Reason.ISSUER);
    }
    if (!config.audiences().isEmpty()
        && (claims.getAudience() == null
            || claims.getAudience().stream().noneMatch(config.audiences()::contains))) {
      throw new AuthenticationException(Reason.AUDIENCE);
    }
    Identity identity = new Identity(token, claims.toJSONObject());
    cache.put(token, identity, Math.min(exp.getTime(), now + cacheTtlMillis), now);
    return identity;
  }

  /** Whether the token's header says {@code alg: none} (a plain, unsigned JWT). */
  private static boolean unsigned(String token) {
    try {
      return com.nimbusds.jwt.JWTParser.parse(token) instanceof com.nimbusds.jwt.PlainJWT;
    } catch (ParseException | RuntimeException e) {
      return false;
    }
  }

  private AuthenticationException fail(Reason reason) {
    failures.get(reason).increment();
    return new AuthenticationException(reason);
  }

  /** Tokens in the verified-token cache (for tests). */
  int cached() {
    return cache.size();
  }

  /** Reloads the key set now (for tests); false when the load failed and old keys were kept. */
  boolean reloadKeys() {
    return keys.reload();
  }

  @Override
  public void close() {
    keys.close();
  }

  @Override
  public String toString() {
    return "JwtAuthenticator["
        + (config.jwksFile() != null ? config.jwksFile() : config.jwksUrl())
        + ", algorithms="
        + config.algorithms().stream().sorted().collect(Collectors.joining(","))
        + ", header="
        + config.headerName().toLowerCase(Locale.ROOT)
        + "]";
  }
}
