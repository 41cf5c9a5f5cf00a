package dev.junction.gateway;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Who sent a request: the verified claims of its bearer token, or {@link #ANONYMOUS}.
 *
 * @param token the raw token as verified, or null for an anonymous request
 * @param claims the token's claims (JSON values: strings, numbers, booleans, lists, maps)
 */
public record Identity(String token, Map<String, Object> claims) {
  /** A request without a token. */
  public static final Identity ANONYMOUS = new Identity(null, Map.of());

  public Identity {
    claims = claims == null ? Map.of() : Map.copyOf(claims);
  }

  /** Whether a verified token came with the request. */
  public boolean authenticated() {
    return token != null;
  }

  /** The {@code sub} claim, or null. */
  public String subject() {
    Object sub = claims.get("sub");
    return sub instanceof String s ? s : null;
  }

  /** One claim, or null. */
  public Object claim(String name) {
    return claims.get(name);
  }

  /**
   * The values of a claim as strings: a space-separated string's words (as OAuth's {@code scope}),
   * a list's items; empty when the claim is absent or of another kind.
   */
  public List<String> claimStrings(String name) {
    Object value = claims.get(name);
    List<String> out = new ArrayList<>();
    if (value instanceof String s) {
      for (String part : s.trim().split("\\s+")) {
        if (!part.isEmpty()) {
          out.add(part);
        }
      }
    } else if (value instanceof Collection<?> list) {
      list.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }

  @Override
  public String toString() {
    return authenticated() ? "Identity[sub=" + subject() + "]" : "Identity[anonymous]";
  }
}
