package dev.junction.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code cors:} section. With no origins (the default) the gateway sends no CORS headers, so
 * only same-origin pages (such as the bundled GraphiQL) can call it from a browser.
 *
 * @param origins allowed origins ({@code https://app.example.com}); {@code "*"} allows any
 * @param allowCredentials whether browsers may send cookies and authorization headers
 * @param methods allowed methods, answered to preflight requests
 * @param allowHeaders allowed request headers; empty means the headers the browser asks for
 * @param maxAge how long browsers may cache a preflight answer, or null to leave it to them
 */
public record CorsConfig(
    List<String> origins,
    boolean allowCredentials,
    List<String> methods,
    List<String> allowHeaders,
    Duration maxAge) {
  private static final Set<String> KEYS =
      Set.of("origins", "allow_credentials", "methods", "allow_headers", "max_age");
  private static final List<String> DEFAULT_METHODS = List.of("GET", "POST", "OPTIONS");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

  public CorsConfig {
    origins = List.copyOf(origins);
    methods = List.copyOf(methods);
    allowHeaders = List.copyOf(allowHeaders);
  }

  /** CORS off: no origin allowed. */
  public static CorsConfig disabled() {
    return new CorsConfig(List.of(), false, DEFAULT_METHODS, List.of(), null);
  }

  /** Whether any cross-origin request is allowed. */
  public boolean enabled() {
    return !origins.isEmpty();
  }

  /** Whether {@code "*"} is among the origins. */
  public boolean allowsAnyOrigin() {
    return origins.contains("*");
  }

  /** Whether a request from {@code origin} is allowed (origins compare case-insensitively). */
  public boolean allows(String origin) {
    if (origin == null) {
      return false;
    }
    if (allowsAnyOrigin()) {
      return true;
    }
    for (String allowed : origins) {
      if (allowed.equalsIgnoreCase(origin)) {
        return true;
      }
    }
    return false;
  }

  static CorsConfig from(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(KEYS);
    List<String> origins = new ArrayList<>();
    for (ConfigNode item : m.get("origins").list()) {
      origins.add(origin(item));
    }
    boolean credentials = m.get("allow_credentials").bool(false);
    if (credentials && origins.contains("*")) {
      throw m.get("allow_credentials").bad("cannot be true when origins contains '*'");
    }
    List<String> methods = new ArrayList<>();
    for (ConfigNode item : m.get("methods").list()) {
      methods.add(token(item, "method").toUpperCase(Locale.ROOT));
    }
    List<String> headers = new ArrayList<>();
    for (ConfigNode item : m.get("allow_headers").list()) {
      headers.add(token(item, "header name").toLowerCase(Locale.ROOT));
    }
    Duration maxAge = m.get("max_age").duration(null);
    return new CorsConfig(
        origins, credentials, m.has("methods") ? methods : DEFAULT_METHODS, headers, maxAge);
  }

  private static String origin(ConfigNode node) {
    String origin = node.requiredString().trim();
    if (origin.equals("*")) {
      return origin;
    }
    try {
      URI uri = new URI(origin);
      boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if (http
          && uri.getHost() != null
          && uri.getRawPath().isEmpty()
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null
          && uri.getRawUserInfo() == null) {
        return origin;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw node.bad("expected an origin like https://example.com or '*', got '" + origin + "'");
  }

  private static String token(ConfigNode node, String what) {
    String value = node.requiredString().trim();
    if (!TOKEN.matcher(value).matches()) {
      throw node.bad("invalid " + what + " '" + value + "'");
    }
    return value;
  }
}
