package dev.junction.subgraph.common.error;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;

/**
 * The errors of a subscription whose event stream fails (a refused or unknown subscription, a
 * failure while it runs), as {@link SubgraphExceptionHandler} makes them for queries: a {@link
 * SubgraphException} keeps its message and gives {@code extensions.code}; anything else is logged
 * and reported as {@code INTERNAL_SERVER_ERROR} with a request id. Over graphql-transport-ws the
 * client gets them in an {@code error} message.
 */
public class SubscriptionErrors extends SubscriptionExceptionResolverAdapter {
  private static final Logger log = LoggerFactory.getLogger(SubscriptionErrors.class);

  @Override
  protected GraphQLError resolveToSingleError(Throwable exception) {
    Throwable cause = SubgraphExceptionHandler.unwrap(exception);
    if (cause instanceof SubgraphException se) {
      return GraphqlErrorBuilder.newError()
          .message(se.getMessage())
          .extensions(Map.of("code", se.code()))
          .build();
    }
    if (cause instanceof IllegalArgumentException iae) {
      return GraphqlErrorBuilder.newError()
          .message(iae.getMessage())
          .extensions(Map.of("code", ErrorCodes.BAD_USER_INPUT))
          .build();
    }
    String requestId = RequestIds.of(null, null);
    log.error("Unexpected failure of a subscription (request id {})", requestId, cause);
    return GraphqlErrorBuilder.newError()
        .message(SubgraphExceptionHandler.internalMessage(requestId))
        .extensions(SubgraphExceptionHandler.internalExtensions(requestId))
        .build();
  }
}
