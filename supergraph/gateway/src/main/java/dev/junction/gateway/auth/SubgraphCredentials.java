package dev.junction.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.junction.gateway.Identity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The gateway's caller credential towards the subgraphs: a short-lived HS256 compact JWS, signed
 * with a secret shared with the subgraph, sent as {@value #HEADER}. Claims: {@code iss} {@value
 * #ISSUER}, {@code aud} the subgraph's name, {@code iat}, {@code exp} ({@code iat} + 60 s), and the
 * end user: {@value #USER_SUB} (the verified token's {@code sub}; absent for an anonymous request)
 * and {@value #USER_SCOPE} (its {@code scope}, or {@code scp} joined by spaces; absent when none,
 * also sent for a token without {@code sub}). The subgraphs verify it with {@code
 * dev.junction.subgraph.common.trust.CallerTokens}.
 *
 * <p>A token is reused for half its lifetime per subgraph and end user, so a subgraph call costs a
 * map lookup.
 */
public final class SubgraphCredentials {
  /** The request header carrying the token. */
  public static final String HEADER = "x-junction-caller";

  /** The gateway's {@code iss}. */
  public static final String ISSUER = "gateway";

  /** The claim naming the end user. */
  public static final String USER_SUB = "user_sub";

  /** The claim with the end user's scopes, space-separated. */
  public static final String USER_SCOPE = "user_scope";

  /** How long a token is valid. */
  public static final Duration LIFETIME = Duration.ofSeconds(60);

  /** The shortest accepted secret: HS256 needs 256 bits. */
  public static final int MIN_SECRET_BYTES = 32;

  private static final int MAX_CACHED = 100_000;

  private final Map<String, MACSigner> signers;
  private final MACSigner fallback;
  private final Clock clock;
  private final GenerationCache<Key, String> cache = new GenerationCache<>(MAX_CACHED);

  /** The raw scope claims are part of the key: normalising them is left to minting. */
  private record Key(String subgraph, String user, Object scope, Object scp) {}

  /**
   * @param allSecret the secret of every subgraph not in {@code perSubgraph}; null or empty: none
   * @param perSubgraph secrets by subgraph name
   * @throws IllegalArgumentException when a secret is shorter than {@value #MIN_SECRET_BYTES} bytes
   */
  public SubgraphCredentials(String allSecret, Map<String, String> perSubgraph, Clock clock) {
    this.fallback = blank(allSecret) ? null : signer(allSecret);
    Map<String, MACSigner> out = new LinkedHashMap<>();
    perSubgraph.forEach(
        (name, secret) -> {
          if (!blank(secret)) {
            out.put(name, signer(secret));
          }
        });
    this.signers = Map.copyOf(out);
    this.clock = Objects.requireNonNull(clock);
  }

  /** Whether calls to {@code subgraph} carry a token. */
  public boolean covers(String subgraph) {
    return signers.containsKey(subgraph) || fallback != null;
  }

  /** The token for a call to {@code subgraph} made for {@code user}; null when not covered. */
  public String tokenFor(String subgraph, Identity user) {
    MACSigner signer = signers.getOrDefault(subgraph, fallback);
    if (signer == null) {
      return null;
    }
    boolean signedIn = user != null && user.authenticated();
    String sub = signedIn ? user.subject() : null;
    Key key =
        signedIn
            ? new Key(subgraph, sub, user.claim("scope"), user.claim("scp"))
            : new Key(subgraph, null, null, null);
    Instant now = clock.instant();
    long nowMillis = now.toEpochMilli();
    String token = cache.get(key, nowMillis);
    if (token == null) {
      token = mint(signer, subgraph, sub, signedIn ? scope(user) : null, now);
      cache.put(key, token, nowMillis + LIFETIME.dividedBy(2).toMillis(), nowMillis);
    }
    return token;
  }

  private static String mint(
      MACSigner signer, String subgraph, String sub, String scope, Instant now) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(subgraph)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(LIFETIME)));
    if (sub != null) {
      claims.claim(USER_SUB, sub);
    }
    if (scope != null) {
      claims.claim(USER_SCOPE, scope);
    }
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign a caller token", e);
    }
    return jwt.serialize();
  }

  /** The user's scopes: {@code scope} (space-separated) or {@code scp} (a list); null when none. */
  static String scope(Identity user) {
    List<String> scopes =
        user.claim("scope") instanceof String ? user.claimStrings("scope") : List.<String>of();
    if (scopes.isEmpty()) {
      scopes = user.claimStrings("scp");
    }
    return scopes.isEmpty() ? null : String.join(" ", scopes);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static MACSigner signer(String secret) {
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    if (key.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "must have at least "
              + MIN_SECRET_BYTES
              + " bytes (got "
              + key.length
              + "); generate one with: openssl rand -hex 32");
    }
    try {
      return new MACSigner(key);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("unusable secret: " + e.getMessage(), e);
    }
  }
}
