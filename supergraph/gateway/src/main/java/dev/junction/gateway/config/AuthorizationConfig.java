package dev.junction.gateway.config;

import dev.junction.gateway.Identity;
import dev.junction.gateway.authorization.AuthorizationSettings;
import dev.junction.gateway.authorization.PolicyDecider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code authorization:} section: how the supergraph's {@code @authenticated}, {@code
 * @requiresScopes} and {@code @policy} are enforced, and the built-in claim-based policies.
 *
 * @param enabled whether the directives are enforced (default true)
 * @param rejectUnauthorized refuse a whole request with a refused field (HTTP 403) instead of
 *     removing the field (default false)
 * @param scopeClaims the claims that hold the token's scopes (default {@code scope}, {@code scp})
 * @param policies claim rules by policy name: the policy allows a request whose token has the claim
 *     with one of the values (a string claim equal to one, a list claim or space-separated string
 *     containing one)
 */
public record AuthorizationConfig(
    boolean enabled,
    boolean rejectUnauthorized,
    List<String> scopeClaims,
    Map<String, ClaimRule> policies) {

  /** A claim-based policy: the claim must hold one of the values. */
  public record ClaimRule(String claim, List<String> values) {
    public ClaimRule {
      values = List.copyOf(values);
    }

    boolean allows(Identity identity) {
      Object value = identity.claim(claim);
      if (value == null) {
        return false;
      }
      if (!(value instanceof String) && !(value instanceof Collection<?>)) {
        return values.contains(String.valueOf(value));
      }
      return value instanceof String s && values.contains(s)
          || identity.claimStrings(claim).stream().anyMatch(values::contains);
    }
  }

  private static final Set<String> KEYS =
      Set.of("enabled", "reject_unauthorized", "scope_claims", "policies");
  private static final Set<String> RULE_KEYS = Set.of("claim", "values", "value");

  public AuthorizationConfig {
    scopeClaims = List.copyOf(scopeClaims);
    policies = Map.copyOf(policies);
  }

  /** Enforced, refused fields removed, scopes from {@code scope} and {@code scp}, no policies. */
  public static AuthorizationConfig defaults() {
    return new AuthorizationConfig(true, false, List.of("scope", "scp"), Map.of());
  }

  /** The engine settings: a policy is allowed by its claim rule (no rule: denied). */
  public AuthorizationSettings toSettings() {
    Map<String, ClaimRule> rules = policies;
    PolicyDecider decider =
        (policy, identity) -> {
          ClaimRule rule = rules.get(policy);
          return rule != null && rule.allows(identity);
        };
    return new AuthorizationSettings(enabled, rejectUnauthorized, scopeClaims, decider);
  }

  static AuthorizationConfig from(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(KEYS);
    AuthorizationConfig d = defaults();
    List<String> claims = d.scopeClaims();
    if (m.has("scope_claims")) {
      claims = new ArrayList<>();
      for (ConfigNode item : m.get("scope_claims").list()) {
        String claim = item.requiredString().trim();
        if (claim.isEmpty()) {
          throw item.bad("a claim name is required");
        }
        claims.add(claim);
      }
    }
    Map<String, ClaimRule> policies = new LinkedHashMap<>();
    if (m.has("policies")) {
      for (Map.Entry<String, ConfigNode> e : m.get("policies").entries().entrySet()) {
        ConfigNode.Mapping rule = e.getValue().mapping(RULE_KEYS);
        String claim = rule.get("claim").requiredString().trim();
        List<String> values = new ArrayList<>();
        if (rule.has("value")) {
          values.add(rule.get("value").requiredString());
        }
        if (rule.has("values")) {
          for (ConfigNode v : rule.get("values").list()) {
            values.add(v.requiredString());
          }
        }
        if (values.isEmpty()) {
          throw e.getValue().bad("give the accepted claim value(s) with 'value' or 'values'");
        }
        policies.put(e.getKey(), new ClaimRule(claim, values));
      }
    }
    return new AuthorizationConfig(
        m.get("enabled").bool(true), m.get("reject_unauthorized").bool(false), claims, policies);
  }
}
