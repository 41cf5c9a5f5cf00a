package dev.junction.gateway.authorization;

import dev.junction.gateway.Identity;
import dev.junction.gateway.execution.GraphQLErrors;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLSchema;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Enforces {@code @authenticated}, {@code @requiresScopes} and {@code @policy} before planning what
 * to fetch. Per operation it keeps the distinct requirements the operation meets (none for most
 * operations: then a request costs one look-up); per request it decides each one for the caller,
 * and for each combination of refusals it keeps the filtered operation and its errors.
 */
public final class Authorizer {
  /** Error code of a field or type the caller may not see (the code other gateways use). */
  public static final String UNAUTHORIZED = "UNAUTHORIZED_FIELD_OR_TYPE";

  private static final int MAX_COMBINATIONS = 64;

  private final GraphQLSchema apiSchema;
  private final AuthorizationRules rules;
  private final AuthorizationSettings settings;

  /**
   * What one operation needs: its requirements, and the outcome per set of refused ones.
   *
   * @param <T> what the caller derives from a filtered operation (a plan)
   */
  public static final class Analysis<T> {
    private final List<Requirement> requirements;
    private final Map<BitSet, Outcome<T>> outcomes = new ConcurrentHashMap<>();

    Analysis(List<Requirement> requirements) {
      this.requirements = requirements;
    }

    /** Whether nothing in the operation is protected. */
    public boolean open() {
      return requirements.isEmpty();
    }
  }

  /**
   * The decision for one request.
   *
   * @param prepared what the caller derived from the filtered operation, or null when nothing was
   *     refused (run the operation as it is) or everything was (run nothing)
   * @param errors one {@value #UNAUTHORIZED} error per removed field or fragment
   * @param nothingLeft whether every root field was refused
   * @param refused the refused field nodes of the original operation (by identity): the response
   *     answers them with null
   * @param <T> what the caller derives from a filtered operation
   */
  public record Outcome<T>(
      T prepared, List<Map<String, Object>> errors, boolean nothingLeft, Set<Field> refused) {
    /** Whether the operation runs as it is. */
    public boolean unchanged() {
      return errors.isEmpty();
    }
  }

  public Authorizer(GraphQLSchema apiSchema, AuthorizationRules rules, AuthorizationSettings s) {
    this.apiSchema = apiSchema;
    this.rules = rules;
    this.settings = s;
  }

  /** Whether the directives are enforced and the supergraph has any. */
  public boolean active() {
    return settings.enabled() && !rules.isEmpty();
  }

  /** Whether a refusal rejects the whole request. */
  public boolean rejectUnauthorized() {
    return settings.rejectUnauthorized();
  }

  /** The requirements of one operation (computed once per prepared operation). */
  public <T> Analysis<T> analyze(
      OperationDefinition op, Map<String, FragmentDefinition> fragments) {
    if (!active()) {
      return new Analysis<>(List.of());
    }
    return new Analysis<>(OperationFilter.requirements(apiSchema, rules, op, fragments));
  }

  /** The requirements the caller does not meet, as indexes into the analysis (cheap). */
  public BitSet refused(Analysis<?> analysis, Identity identity) {
    BitSet refused = new BitSet();
    if (analysis.open()) {
      return refused;
    }
    Decisions decisions = new Decisions(identity);
    for (int i = 0; i < analysis.requirements.size(); i++) {
      if (!decisions.allows(analysis.requirements.get(i))) {
        refused.set(i);
      }
    }
    return refused;
  }

  /** The outcome already computed for these refusals, or null. */
  public <T> Outcome<T> cached(Analysis<T> analysis, BitSet refused) {
    return analysis.outcomes.get(refused);
  }

  /**
   * Filters the operation for these refusals; {@code plan} turns the filtered document into what
   * the caller runs. CPU work (a walk of the document and a plan): the result is cached.
   */
  public <T> Outcome<T> compute(
      Analysis<T> analysis,
      BitSet refused,
      OperationDefinition op,
      Map<String, FragmentDefinition> fragments,
      Function<Document, T> plan) {
    Set<Requirement> denied = new HashSet<>();
    refused.stream().forEach(i -> denied.add(analysis.requirements.get(i)));
    OperationFilter.Result result =
        OperationFilter.filter(apiSchema, rules, op, fragments, denied::contains);
    List<Map<String, Object>> errors = new ArrayList<>();
    for (List<Object> path : result.removed()) {
      errors.add(GraphQLErrors.error("Unauthorized field or type", UNAUTHORIZED, path, null));
    }
    T prepared =
        result.emptyRoot() || settings.rejectUnauthorized() ? null : plan.apply(result.document());
    Outcome<T> outcome =
        new Outcome<>(prepared, List.copyOf(errors), result.emptyRoot(), result.refused());
    if (analysis.outcomes.size() < MAX_COMBINATIONS) {
      analysis.outcomes.put((BitSet) refused.clone(), outcome);
    }
    return outcome;
  }

  /** The caller's scopes and policy decisions, computed at most once per request. */
  private final class Decisions {
    private final Identity identity;
    private Set<String> scopes;
    private final Map<String, Boolean> policies = new HashMap<>();

    Decisions(Identity identity) {
      this.identity = identity == null ? Identity.ANONYMOUS : identity;
    }

    boolean allows(Requirement r) {
      if (r.authenticated() && !identity.authenticated()) {
        return false;
      }
      if (r.scopes() != null && !anyClause(r.scopes(), scopes()::contains)) {
        return false;
      }
      return r.policies() == null || anyClause(r.policies(), this::policy);
    }

    private boolean policy(String name) {
      return policies.computeIfAbsent(name, n -> settings.policies().allows(n, identity));
    }

    private Set<String> scopes() {
      if (scopes == null) {
        scopes = new HashSet<>();
        for (String claim : settings.scopeClaims()) {
          scopes.addAll(identity.claimStrings(claim));
        }
      }
      return scopes;
    }
  }

  private static boolean anyClause(
      List<Set<String>> dnf, java.util.function.Predicate<String> holds) {
    for (Set<String> clause : dnf) {
      if (clause.stream().allMatch(holds)) {
        return true;
      }
    }
    return false;
  }
}
