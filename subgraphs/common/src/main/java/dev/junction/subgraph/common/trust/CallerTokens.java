package dev.junction.subgraph.common.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The caller credential of a call between Junction services: an HS256 compact JWS, signed with a
 * secret shared by the gateway, the orders saga and every subgraph, sent as the {@value #HEADER}
 * header. Claims: {@code iss} the calling service ({@code gateway}, {@code orders}), {@code aud}
 * the target subgraph, {@code iat}, {@code exp} ({@code iat} + {@link #LIFETIME}), and the end user
 * the call is made for: {@value #USER_SUB} (absent for an anonymous user or a call of the service's
 * own) and {@value #USER_SCOPE} (space-separated, absent when none).
 */
public final class CallerTokens {
  /** The request header carrying the token. */
  public static final String HEADER = "x-junction-caller";

  /** The claim naming the end user (the {@code sub} of the user's verified token). */
  public static final String USER_SUB = "user_sub";

  /** The claim with the end user's scopes, space-separated. */
  public static final String USER_SCOPE = "user_scope";

  /** How long a token is valid. */
  public static final Duration LIFETIME = Duration.ofSeconds(60);

  /** The tolerance on {@code iat} and {@code exp} between the hosts' clocks. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(10);

  /** The shortest accepted secret: HS256 needs 256 bits. */
  public static final int MIN_SECRET_BYTES = 32;

  private final MACSigner signer;
  private final MACVerifier verifier;
  private final Clock clock;

  /**
   * @param secret the shared secret, at least {@value #MIN_SECRET_BYTES} bytes in UTF-8
   * @throws IllegalArgumentException when the secret is too short
   */
  public CallerTokens(String secret, Clock clock) {
    byte[] key = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
    if (key.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the subgraph secret must have at least "
              + MIN_SECRET_BYTES
              + " bytes (got "
              + key.length
              + "); generate one with: openssl rand -hex 32");
    }
    try {
      this.signer = new MACSigner(key);
      this.verifier = new MACVerifier(key);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("unusable subgraph secret: " + e.getMessage(), e);
    }
    // the key array is not wiped: MACSigner and MACVerifier keep it (wiping it made every secret
    // the all-zero key)
    this.clock = clock;
  }

  /** A token made now by {@code service} for a call to {@code audience} on behalf of the user. */
  public String mint(String service, String audience, String userId, Set<String> scopes) {
    Instant now = clock.instant();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(service)
            .audience(audience)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(LIFETIME)));
    if (userId != null) {
      claims.claim(USER_SUB, userId);
    }
    if (scopes != null && !scopes.isEmpty()) {
      claims.claim(USER_SCOPE, String.join(" ", scopes));
    }
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign a caller token", e);
    }
    return jwt.serialize();
  }

  /**
   * The verified caller of a token addressed to {@code audience}.
   *
   * @throws InvalidCallerToken saying why the token is refused (for logs, not for clients)
   */
  public Verified verify(String token, String audience) {
    if (token == null || token.isBlank()) {
      throw new InvalidCallerToken("missing");
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token.trim());
    } catch (ParseException e) {
      throw new InvalidCallerToken("malformed");
    }
    if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
      throw new InvalidCallerToken("algorithm " + jwt.getHeader().getAlgorithm());
    }
    try {
      if (!jwt.verify(verifier)) {
        throw new InvalidCallerToken("bad signature");
      }
    } catch (JOSEException e) {
      throw new InvalidCallerToken("bad signature");
    }
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new InvalidCallerToken("malformed claims");
    }
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    Date iat = claims.getIssueTime();
    if (exp == null || iat == null) {
      throw new InvalidCallerToken("no exp or iat");
    }
    if (!now.isBefore(exp.toInstant().plus(CLOCK_SKEW))) {
      throw new InvalidCallerToken("expired");
    }
    if (iat.toInstant().isAfter(now.plus(CLOCK_SKEW))
        || exp.toInstant().isAfter(iat.toInstant().plus(LIFETIME).plus(CLOCK_SKEW))) {
      throw new InvalidCallerToken("issued in the future or lives too long");
    }
    List<String> aud = claims.getAudience();
    if (aud == null || !aud.contains(audience)) {
      throw new InvalidCallerToken("audience " + aud + " is not " + audience);
    }
    String iss = claims.getIssuer();
    if (iss == null || iss.isBlank()) {
      throw new InvalidCallerToken("no issuer");
    }
    Object sub = claims.getClaim(USER_SUB);
    Object scope = claims.getClaim(USER_SCOPE);
    if ((sub != null && !(sub instanceof String))
        || (scope != null && !(scope instanceof String))) {
      throw new InvalidCallerToken("user claims are not strings");
    }
    Set<String> scopes = new LinkedHashSet<>();
    if (scope instanceof String s) {
      for (String part : s.trim().split("\\s+")) {
        if (!part.isEmpty()) {
          scopes.add(part);
        }
      }
    }
    String user = sub instanceof String s && !s.isBlank() ? s : null;
    return new Verified(new Caller(iss, user, scopes), exp.toInstant());
  }

  /** A verified token: who called, and until when the token is valid. */
  public record Verified(Caller caller, Instant expiresAt) {}

  /** A refused caller token. */
  public static final class InvalidCallerToken extends RuntimeException {
    InvalidCallerToken(String reason) {
      super(reason, null, false, false);
    }
  }
}
