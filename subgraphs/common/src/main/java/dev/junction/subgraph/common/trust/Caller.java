package dev.junction.subgraph.common.trust;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import java.util.Set;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Who made a GraphQL call to this subgraph, as its verified caller token ({@link CallerTokens})
 * says: the calling service and the end user the call is made for.
 *
 * <p>{@link #of(DataFetchingEnvironment)} gives it to data fetchers. When this subgraph runs
 * without a secret ({@code junction.subgraph-auth.secret} unset) no call is verified and every call
 * is {@link #UNVERIFIED}; {@link OwnerCheck} then lets everything through, as before.
 *
 * @param service the calling service ({@code iss}: {@code gateway}, {@code orders}), null when
 *     unverified
 * @param userId the end user ({@code user_sub}), null for an anonymous user or a service's own call
 * @param scopes the end user's scopes ({@code user_scope}), empty when none
 */
public record Caller(String service, String userId, Set<String> scopes) {
  /** The scope that may read every customer's data. */
  public static final String ADMIN_SCOPE = "admin";

  /** The gateway's service name: its calls are made for clients, never trusted on their own. */
  public static final String GATEWAY = "gateway";

  /** The caller of a subgraph that verifies no token (no secret configured). */
  public static final Caller UNVERIFIED = new Caller(null, null, Set.of());

  static final String KEY = Caller.class.getName();

  public Caller {
    scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
  }

  /** The caller of the running operation; {@link #UNVERIFIED} when the call was not verified. */
  public static Caller of(DataFetchingEnvironment env) {
    return env == null ? UNVERIFIED : of(env.getGraphQlContext());
  }

  /** The caller kept in a GraphQL context; {@link #UNVERIFIED} when none. */
  public static Caller of(GraphQLContext context) {
    Caller c = context == null ? null : context.get(KEY);
    return c == null ? UNVERIFIED : c;
  }

  /** The caller kept in a Reactor context ({@link #context()}); {@link #UNVERIFIED} when none. */
  public static Caller of(ContextView context) {
    return context.getOrDefault(KEY, UNVERIFIED);
  }

  /** A Reactor context carrying this caller, for calls made on its behalf further down. */
  public Context context() {
    return Context.of(KEY, this);
  }

  /** Whether a caller token was verified (false when this subgraph runs without a secret). */
  public boolean verified() {
    return service != null;
  }

  /** Whether the call is made for no end user (anonymous, or a service's own call). */
  public boolean anonymous() {
    return userId == null;
  }

  /** Whether the end user has the {@value #ADMIN_SCOPE} scope. */
  public boolean admin() {
    return scopes.contains(ADMIN_SCOPE);
  }

  /** Whether a Junction service other than the gateway made the call (the orders saga, say). */
  public boolean trustedService() {
    return verified() && !GATEWAY.equals(service);
  }
}
