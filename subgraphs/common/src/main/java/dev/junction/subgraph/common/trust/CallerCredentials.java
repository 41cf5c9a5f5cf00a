package dev.junction.subgraph.common.trust;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mints the caller tokens of one service (the orders saga) for its calls to other subgraphs, and
 * reuses each for half its {@link CallerTokens#LIFETIME}, per target subgraph and end user, so a
 * call costs a map lookup.
 */
public final class CallerCredentials {
  private static final int MAX_CACHED = 10_000;

  private final CallerTokens tokens;
  private final String service;
  private final Clock clock;
  private final Map<Key, Minted> cache = new ConcurrentHashMap<>();

  private record Key(String audience, String userId, Set<String> scopes) {}

  private record Minted(String token, Instant refreshAt) {}

  /**
   * @param service this service's name, the {@code iss} of its tokens
   */
  public CallerCredentials(CallerTokens tokens, String service, Clock clock) {
    this.tokens = Objects.requireNonNull(tokens);
    this.service = Objects.requireNonNull(service);
    this.clock = clock;
  }

  /**
   * The token for a call to {@code audience} made for the end user of {@code onBehalfOf} (none when
   * it is {@link Caller#UNVERIFIED} or anonymous).
   */
  public String tokenFor(String audience, Caller onBehalfOf) {
    String user = onBehalfOf == null ? null : onBehalfOf.userId();
    Set<String> scopes = onBehalfOf == null ? Set.of() : onBehalfOf.scopes();
    Key key = new Key(audience, user, scopes);
    Instant now = clock.instant();
    Minted m = cache.get(key);
    if (m == null || !now.isBefore(m.refreshAt())) {
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
      m =
          new Minted(
              tokens.mint(service, audience, user, scopes),
              now.plus(CallerTokens.LIFETIME.dividedBy(2)));
      cache.put(key, m);
    }
    return m.token();
  }
}
