package dev.junction.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code authentication:} section: bearer tokens (JWT) verified against a JWKS before a request
 * is parsed. Off unless a JWKS file or URL is given (or {@code enabled: false}).
 *
 * @param enabled whether tokens are verified at all
 * @param headerName the request header carrying the token (lower case)
 * @param headerPrefix the scheme before the token ({@code Bearer}); empty: the whole value
 * @param requireAuthentication whether a request without a token is refused (else anonymous)
 * @param jwksFile the key set file, or null
 * @param jwksUrl the key set URL, or null
 * @param jwksRefreshInterval how often the key set is reloaded in the background
 * @param jwksTimeout time-out of one JWKS fetch
 * @param issuer the only accepted {@code iss}, or null for any
 * @param audiences accepted {@code aud} values (a token must name one); empty: any
 * @param algorithms accepted {@code alg} values
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 * @param maxTokenBytes longest accepted header value
 * @param cacheMaxEntries verified tokens kept at most (0: every request verifies its signature)
 * @param cacheTtl how long a verified token is kept at most (never past its {@code exp})
 */
public record AuthenticationConfig(
    boolean enabled,
    String headerName,
    String headerPrefix,
    boolean requireAuthentication,
    Path jwksFile,
    URI jwksUrl,
    Duration jwksRefreshInterval,
    Duration jwksTimeout,
    String issuer,
    List<String> audiences,
    Set<String> algorithms,
    Duration clockSkew,
    int maxTokenBytes,
    int cacheMaxEntries,
    Duration cacheTtl) {

  /** Algorithms accepted by default. */
  public static final Set<String> DEFAULT_ALGORITHMS = Set.of("RS256", "ES256", "EdDSA", "HS256");

  /** Every algorithm that may be configured. */
  public static final Set<String> SUPPORTED_ALGORITHMS =
      Set.of(
          "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA",
          "Ed25519", "HS256", "HS384", "HS512");

  private static final Set<String> KEYS =
      Set.of(
          "enabled",
          "header_name",
          "header_prefix",
          "require_authentication",
          "jwks",
          "issuer",
          "audiences",
          "algorithms",
          "clock_skew",
          "max_token_bytes",
          "cache");
  private static final Set<String> CACHE_KEYS = Set.of("max_entries", "ttl");
  private static final Set<String> JWKS_KEYS = Set.of("file", "url", "refresh_interval", "timeout");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

  /** Verified tokens cached at most, by default (about 2 KiB each). */
  public static final int DEFAULT_CACHE_MAX_ENTRIES = 50_000;

  /** How long a verified token is cached at most, by default. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(60);

  public AuthenticationConfig {
    audiences = List.copyOf(audiences);
    algorithms = Set.copyOf(algorithms);
  }

  /** A config with the default verified-token cache. */
  public AuthenticationConfig(
      boolean enabled,
      String headerName,
      String headerPrefix,
      boolean requireAuthentication,
      Path jwksFile,
      URI jwksUrl,
      Duration jwksRefreshInterval,
      Duration jwksTimeout,
      String issuer,
      List<String> audiences,
      Set<String> algorithms,
      Duration clockSkew,
      int maxTokenBytes) {
    this(
        enabled,
        headerName,
        headerPrefix,
        requireAuthentication,
        jwksFile,
        jwksUrl,
        jwksRefreshInterval,
        jwksTimeout,
        issuer,
        audiences,
        algorithms,
        clockSkew,
        maxTokenBytes,
        DEFAULT_CACHE_MAX_ENTRIES,
        DEFAULT_CACHE_TTL);
  }

  /** Authentication off: every request is anonymous. */
  public static AuthenticationConfig disabled() {
    return new AuthenticationConfig(
        false,
        "authorization",
        "Bearer",
        false,
        null,
        null,
        Duration.ofMinutes(5),
        Duration.ofSeconds(5),
        null,
        List.of(),
        DEFAULT_ALGORITHMS,
        Duration.ofSeconds(60),
        8192);
  }

  static AuthenticationConfig from(ConfigNode node, Path baseDir) {
    AuthenticationConfig d = disabled();
    ConfigNode.Mapping m = node.mapping(KEYS);
    ConfigNode.Mapping jwks = m.get("jwks").mapping(JWKS_KEYS);
    Path file = blank(jwks.get("file")) ? null : jwks.get("file").path(baseDir);
    URI url = blank(jwks.get("url")) ? null : uri(jwks.get("url"));
    if (file != null && url != null) {
      throw jwks.node().bad("give one of 'file' or 'url', not both");
    }
    ConfigNode enabledNode = m.get("enabled");
    boolean enabled = enabledNode.bool(file != null || url != null);
    if (enabled && file == null && url == null) {
      throw enabledNode.bad("authentication needs jwks.file or jwks.url");
    }
    String headerName = m.get("header_name").string(d.headerName()).trim();
    if (!TOKEN.matcher(headerName).matches()) {
      throw m.get("header_name").bad("invalid header name '" + headerName + "'");
    }
    String prefix = m.get("header_prefix").string(d.headerPrefix()).trim();
    if (prefix.contains(" ")) {
      throw m.get("header_prefix").bad("the prefix is one word, such as Bearer");
    }
    Duration refresh = jwks.get("refresh_interval").duration(d.jwksRefreshInterval());
    if (refresh.compareTo(Duration.ofMillis(100)) < 0) {
      throw jwks.get("refresh_interval").bad("must be at least 100ms");
    }
    Duration timeout = jwks.get("timeout").duration(d.jwksTimeout());
    if (timeout.isZero()) {
      throw jwks.get("timeout").bad("must be greater than 0");
    }
    String issuer = blank(m.get("issuer")) ? null : m.get("issuer").string(null).trim();
    List<String> audiences = new ArrayList<>();
    for (ConfigNode item : m.get("audiences").list()) {
      if (!blank(item)) {
        audiences.add(item.string(null).trim());
      }
    }
    Set<String> algorithms = new LinkedHashSet<>();
    for (ConfigNode item : m.get("algorithms").list()) {
      String alg = item.requiredString().trim();
      if (alg.equalsIgnoreCase("none")) {
        throw item.bad("'none' is never accepted: unsigned tokens prove nothing");
      }
      if (!SUPPORTED_ALGORITHMS.contains(alg)) {
        throw item.bad(
            "unsupported algorithm '"
                + alg
                + "' (expected one of: "
                + String.join(", ", new java.util.TreeSet<>(SUPPORTED_ALGORITHMS))
                + ")");
      }
      algorithms.add(alg);
    }
    if (m.has("algorithms") && algorithms.isEmpty()) {
      throw m.get("algorithms").bad("at least one algorithm is required");
    }
    ConfigNode.Mapping cache = m.get("cache").mapping(CACHE_KEYS);
    Duration cacheTtl = cache.get("ttl").duration(d.cacheTtl());
    if (cacheTtl.compareTo(Duration.ofHours(1)) > 0) {
      throw cache.get("ttl").bad("must be at most 1h (a revoked key must stop working soon)");
    }
    return new AuthenticationConfig(
        enabled,
        headerName.toLowerCase(java.util.Locale.ROOT),
        prefix,
        m.get("require_authentication").bool(false),
        file,
        url,
        refresh,
        timeout,
        issuer,
        audiences,
        algorithms.isEmpty() ? DEFAULT_ALGORITHMS : algorithms,
        m.get("clock_skew").duration(d.clockSkew()),
        (int) m.get("max_token_bytes").integer(d.maxTokenBytes(), 64, 1024 * 1024),
        (int) cache.get("max_entries").integer(d.cacheMaxEntries(), 0, 10_000_000),
        cacheTtl);
  }

  private static boolean blank(ConfigNode node) {
    String s = node.string(null);
    return s == null || s.isBlank();
  }

  private static URI uri(ConfigNode node) {
    String text = node.requiredString().trim();
    try {
      URI uri = new URI(text);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw node.bad("expected an http or https URL, got '" + text + "'");
      }
      if (uri.getHost() == null) {
        throw node.bad("the URL has no host: '" + text + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw node.bad("invalid URL '" + text + "'");
    }
  }
}
