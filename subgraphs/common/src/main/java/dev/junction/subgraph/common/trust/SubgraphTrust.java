package dev.junction.subgraph.common.trust;

import java.time.Clock;
import java.util.Optional;

/**
 * This subgraph's side of the caller credential: whether calls must carry a caller token, the name
 * tokens must be addressed to, and the credentials of its own calls to other subgraphs (the orders
 * saga). Made from {@link SubgraphAuthProperties}.
 */
public final class SubgraphTrust {
  private final CallerTokens tokens;
  private final String name;
  private final CallerCredentials credentials;

  private SubgraphTrust(CallerTokens tokens, String name, Clock clock) {
    this.tokens = tokens;
    this.name = name;
    this.credentials = tokens == null ? null : new CallerCredentials(tokens, name, clock);
  }

  /**
   * @param props the secret (none: off) and an optional audience
   * @param applicationName the name used when {@code props} gives no audience
   * @throws IllegalArgumentException when the secret is set but shorter than 32 bytes
   */
  public static SubgraphTrust of(SubgraphAuthProperties props, String applicationName) {
    String name =
        props.audience() == null || props.audience().isBlank() ? applicationName : props.audience();
    Clock clock = Clock.systemUTC();
    return new SubgraphTrust(
        props.enabled() ? new CallerTokens(props.secret(), clock) : null, name, clock);
  }

  /** Whether calls must carry a caller token. */
  public boolean enabled() {
    return tokens != null;
  }

  /** This subgraph's name: the {@code aud} its callers' tokens name, the {@code iss} of its own. */
  public String name() {
    return name;
  }

  /** The token signer and verifier, when enabled. */
  public Optional<CallerTokens> tokens() {
    return Optional.ofNullable(tokens);
  }

  /** The credentials of this service's own calls to other subgraphs, when enabled. */
  public Optional<CallerCredentials> credentials() {
    return Optional.ofNullable(credentials);
  }
}
