package dev.junction.gateway.headers;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One rule of the router config {@code headers:} section. Rules build the header set of a subgraph
 * request from the client's request headers; names are lower-case.
 */
public sealed interface HeaderRule {

  /**
   * Headers the gateway owns on subgraph requests (content negotiation, framing, hop-by-hop): no
   * rule may propagate or insert them.
   */
  Set<String> RESERVED =
      Set.of(
          "accept",
          "accept-encoding",
          "connection",
          "content-encoding",
          "content-length",
          "content-type",
          "expect",
          "host",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  /** Whether {@code name} (any case) is a header rules cannot touch. */
  static boolean isReserved(String name) {
    return RESERVED.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Copies the client header {@code named} (all its values), under {@code rename} when set; when
   * the client did not send it and {@code defaultValue} is set, sends that value instead.
   */
  record Propagate(String named, String rename, String defaultValue) implements HeaderRule {
    public Propagate {
      named = lower(named);
      rename = rename == null ? null : lower(rename);
    }

    /** The name sent to the subgraph. */
    public String target() {
      return rename == null ? named : rename;
    }
  }

  /**
   * Copies every client header whose lower-cased name contains a match of {@code matching} (anchor
   * with {@code ^...$} for a whole-name match). Reserved headers are never copied.
   */
  record PropagateMatching(Pattern matching) implements HeaderRule {
    public PropagateMatching {
      Objects.requireNonNull(matching, "matching");
    }
  }

  /**
   * Sends the verified token's claim {@code claim} as the header {@code target} (strings as they
   * are, other values, lists included, as JSON). When the request is anonymous or the claim is
   * absent, sends {@code defaultValue} if set. Values with line breaks are never sent.
   */
  record PropagateClaim(String claim, String target, String defaultValue) implements HeaderRule {
    public PropagateClaim {
      Objects.requireNonNull(claim, "claim");
      target = lower(target);
    }
  }

  /** Sends a fixed header, replacing any value propagated before. */
  record Insert(String name, String value) implements HeaderRule {
    public Insert {
      name = lower(name);
      Objects.requireNonNull(value, "value");
    }
  }

  /** Removes a header that an earlier rule added. */
  record Remove(String named) implements HeaderRule {
    public Remove {
      named = lower(named);
    }
  }

  /** Removes every header added so far whose name contains a match of {@code matching}. */
  record RemoveMatching(Pattern matching) implements HeaderRule {
    public RemoveMatching {
      Objects.requireNonNull(matching, "matching");
    }
  }

  private static String lower(String name) {
    return Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
  }
}
