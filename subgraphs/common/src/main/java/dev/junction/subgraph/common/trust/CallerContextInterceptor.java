package dev.junction.subgraph.common.trust;

import java.util.Map;
import java.util.Set;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import reactor.core.publisher.Mono;

/**
 * Puts the {@link Caller} that {@link CallerAuthFilter} verified into the GraphQL context, for
 * {@link Caller#of(graphql.schema.DataFetchingEnvironment)}. With authentication on, a request the
 * filter did not see (it cannot happen on {@code /graphql}) counts as an anonymous client of the
 * gateway, so owner checks fail closed.
 */
public final class CallerContextInterceptor implements WebGraphQlInterceptor {
  private static final Caller UNSEEN = new Caller(Caller.GATEWAY, null, Set.of());

  private final boolean enabled;

  public CallerContextInterceptor(boolean enabled) {
    this.enabled = enabled;
  }

  @Override
  public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
    if (enabled) {
      Object seen = request.getAttributes().get(Caller.KEY);
      Caller caller = seen instanceof Caller c ? c : UNSEEN;
      request.configureExecutionInput(
          (input, builder) -> builder.graphQLContext(Map.of(Caller.KEY, caller)).build());
    }
    return chain.next(request);
  }
}
