package dev.junction.subgraph.common.testing;

import dev.junction.subgraph.common.trust.CallerTokens;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * Caller tokens for tests of a subgraph started with {@code junction.subgraph-auth.secret=}{@link
 * #SECRET}: {@code @SpringBootTest(properties = TestCallers.PROPERTY)}, then send {@link
 * CallerTokens#HEADER} with {@link #token}.
 */
public final class TestCallers {
  /** The tests' shared secret. */
  public static final String SECRET = "junction-tests-0123456789abcdef0123456789abcdef";

  /** The property that turns caller authentication on with {@link #SECRET}. */
  public static final String PROPERTY = "junction.subgraph-auth.secret=" + SECRET;

  private TestCallers() {}

  /** A valid token of {@code service} to {@code audience} for the end user (null: none). */
  public static String token(String service, String audience, String userId, String... scopes) {
    return new CallerTokens(SECRET, Clock.systemUTC())
        .mint(service, audience, userId, Set.of(scopes));
  }

  /** A token of the gateway for the end user {@code userId} (null: anonymous). */
  public static String gateway(String audience, String userId, String... scopes) {
    return token("gateway", audience, userId, scopes);
  }

  /** A token signed with another secret. */
  public static String wrongSecret(String audience) {
    return new CallerTokens("another-secret-0123456789abcdef0123456789", Clock.systemUTC())
        .mint("orders", audience, null, Set.of());
  }

  /** A token that expired a while ago. */
  public static String expired(String audience) {
    Clock past = Clock.fixed(Instant.now().minusSeconds(600), ZoneOffset.UTC);
    return new CallerTokens(SECRET, past).mint("orders", audience, null, Set.of());
  }
}
