package dev.junction.gateway.authorization;

import java.util.List;

/**
 * How the gateway enforces the supergraph's authorization directives.
 *
 * @param enabled whether the directives are enforced at all
 * @param rejectUnauthorized refuse the whole request (HTTP 403) instead of removing the refused
 *     fields and serving the rest
 * @param scopeClaims the claims holding the token's scopes (a space-separated string or a list)
 * @param policies decides {@code @policy} names
 */
public record AuthorizationSettings(
    boolean enabled, boolean rejectUnauthorized, List<String> scopeClaims, PolicyDecider policies) {

  /** Enforced, fields removed, scopes from {@code scope} then {@code scp}, no policy granted. */
  public static final AuthorizationSettings DEFAULTS =
      new AuthorizationSettings(true, false, List.of("scope", "scp"), PolicyDecider.DENY_ALL);

  public AuthorizationSettings {
    scopeClaims = List.copyOf(scopeClaims);
    policies = policies == null ? PolicyDecider.DENY_ALL : policies;
  }

  /** The same settings with another policy decider. */
  public AuthorizationSettings withPolicies(PolicyDecider decider) {
    return new AuthorizationSettings(enabled, rejectUnauthorized, scopeClaims, decider);
  }
}
