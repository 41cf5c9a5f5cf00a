package dev.junction.gateway.authorization;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a field or type demands of the caller: a verified token ({@code @authenticated}), scopes
 * ({@code @requiresScopes}) and policies ({@code @policy}), each alternative list in disjunctive
 * normal form: one of the alternatives must hold in full. A null list demands nothing.
 *
 * @param authenticated whether a verified token is needed
 * @param scopes alternatives of scopes the token must all carry, or null
 * @param policies alternatives of policies that must all allow the request, or null
 */
public record Requirement(
    boolean authenticated, List<Set<String>> scopes, List<Set<String>> policies) {

  /** Demands nothing. */
  public static final Requirement NONE = new Requirement(false, null, null);

  public Requirement {
    scopes = scopes == null ? null : List.copyOf(scopes);
    policies = policies == null ? null : List.copyOf(policies);
  }

  /** Whether this demands nothing. */
  public boolean none() {
    return !authenticated && scopes == null && policies == null;
  }

  /** Both requirements at once. */
  public Requirement and(Requirement other) {
    if (other.none()) {
      return this;
    }
    if (none()) {
      return other;
    }
    return new Requirement(
        authenticated || other.authenticated,
        and(scopes, other.scopes),
        and(policies, other.policies));
  }

  private static List<Set<String>> and(List<Set<String>> a, List<Set<String>> b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    List<Set<String>> out = new ArrayList<>();
    for (Set<String> left : a) {
      for (Set<String> right : b) {
        Set<String> both = new java.util.TreeSet<>(left);
        both.addAll(right);
        if (!out.contains(both)) {
          out.add(both);
        }
      }
    }
    return out;
  }
}
