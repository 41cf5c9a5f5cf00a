package dev.junction.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code csrf:} section, as in Apollo Router: a GraphQL request is served only when its {@code
 * Content-Type} makes a browser send a CORS preflight (anything but {@code text/plain}, {@code
 * application/x-www-form-urlencoded}, {@code multipart/form-data}, or no content type at all, as on
 * a GET) or when it carries one of {@code requiredHeaders}. On unless {@code unsafe_disabled:
 * true}.
 *
 * @param unsafeDisabled true turns the protection off
 * @param requiredHeaders lower-cased header names, any one of which marks a request as preflighted
 */
public record CsrfConfig(boolean unsafeDisabled, List<String> requiredHeaders) {
  /** The headers Apollo clients send to pass CSRF prevention. */
  public static final List<String> DEFAULT_REQUIRED_HEADERS =
      List.of("x-apollo-operation-name", "apollo-require-preflight");

  private static final Set<String> SIMPLE_TYPES =
      Set.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data");
  private static final Set<String> KEYS = Set.of("unsafe_disabled", "required_headers");

  public CsrfConfig {
    requiredHeaders = List.copyOf(requiredHeaders);
  }

  /** On, with Apollo's two headers. */
  public static CsrfConfig defaults() {
    return new CsrfConfig(false, DEFAULT_REQUIRED_HEADERS);
  }

  /** Off: every request is served whatever its content type (tests, trusted networks). */
  public static CsrfConfig disabled() {
    return new CsrfConfig(true, DEFAULT_REQUIRED_HEADERS);
  }

  /**
   * Whether a request may be served.
   *
   * @param contentType the request's {@code Content-Type}, or null
   * @param hasHeader whether the request has a header of that (lower-cased) name with a value
   */
  public boolean admits(String contentType, Predicate<String> hasHeader) {
    if (unsafeDisabled || requiresPreflight(contentType)) {
      return true;
    }
    for (String header : requiredHeaders) {
      if (hasHeader.test(header)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a browser would preflight a request with this content type: a parseable {@code
   * type/subtype} that is not one of the three simple ones. A missing or unparseable type counts as
   * simple (Apollo Router errs on that side too).
   */
  static boolean requiresPreflight(String contentType) {
    if (contentType == null) {
      return false;
    }
    String essence = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    int slash = essence.indexOf('/');
    if (slash <= 0
        || slash == essence.length() - 1
        || essence.indexOf('/', slash + 1) >= 0
        || !essence.matches("[a-z0-9!#$%&'*+.^_`|~/-]+")) {
      return false;
    }
    return !SIMPLE_TYPES.contains(essence);
  }

  static CsrfConfig from(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(KEYS);
    boolean disabled = m.get("unsafe_disabled").bool(false);
    List<String> headers = DEFAULT_REQUIRED_HEADERS;
    if (m.has("required_headers")) {
      headers = new ArrayList<>();
      for (ConfigNode item : m.get("required_headers").list()) {
        String name = item.requiredString().trim().toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z0-9!#$%&'*+.^_`|~-]+")) {
          throw item.bad("not a valid header name: '" + name + "'");
        }
        headers.add(name);
      }
      if (headers.isEmpty() && !disabled) {
        throw m.get("required_headers")
            .bad("needs at least one header (or set csrf.unsafe_disabled: true)");
      }
    }
    return new CsrfConfig(disabled, headers);
  }
}
