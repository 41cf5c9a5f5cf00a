package dev.junction.subgraph.common.trust;

import java.util.Map;
import java.util.Set;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.web.filter.reactive.ServerWebExchangeContextFilter;
import reactor.core.publisher.Mono;

/**
 * Puts the {@link Caller} that {@link CallerAuthFilter} verified into the GraphQL context, for
 * {@link Caller#of(graphql.schema.DataFetchingEnvironment)}. With authentication on, a request the
 * filter did not see (it cannot happen on {@code /graphql}) counts as an anonymous client of the
 * gateway, so owner checks fail closed.
 *
 * <p>Operations over a WebSocket (subscriptions) carry no request attributes of the HTTP upgrade:
 * their caller is the one verified on the upgrade, read from the upgrade's exchange, which the
 * Reactor context of the connection holds. It is fixed for the connection's life, which may outlast
 * the token's {@code exp}: the token is checked once, at the upgrade.
 */
public final class CallerContextInterceptor implements WebGraphQlInterceptor {
  private static final Caller UNSEEN = new Caller(Caller.GATEWAY, null, Set.of());

  private final boolean enabled;

  public CallerContextInterceptor(boolean enabled) {
    this.enabled = enabled;
  }

  @Override
  public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
    if (!enabled) {
      return chain.next(request);
    }
    return Mono.deferContextual(
        context -> {
          Object seen = request.getAttributes().get(Caller.KEY);
          if (seen == null) {
            seen =
                ServerWebExchangeContextFilter.getExchange(context)
                    .map(exchange -> exchange.getAttribute(Caller.KEY))
                    .orElse(null);
          }
          Caller caller = seen instanceof Caller c ? c : UNSEEN;
          request.configureExecutionInput(
              (input, builder) -> builder.graphQLContext(Map.of(Caller.KEY, caller)).build());
          return chain.next(request);
        });
  }
}
