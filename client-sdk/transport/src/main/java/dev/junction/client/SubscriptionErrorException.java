package dev.junction.client;

import dev.junction.client.transport.TransportException;
import java.util.List;

/**
 * The server refused or ended a subscription with a graphql-transport-ws {@code error} message
 * (e.g. a validation error): the operation produced no result stream.
 */
public final class SubscriptionErrorException extends TransportException {
  private static final long serialVersionUID = 1L;
  private final transient List<GraphQLError> errors;

  /** Creates the exception. */
  public SubscriptionErrorException(List<GraphQLError> errors) {
    super(
        "subscription refused: "
            + String.join("; ", errors.stream().map(GraphQLError::message).toList()),
        null);
    this.errors = List.copyOf(errors);
  }

  /** The errors the server sent. */
  public List<GraphQLError> errors() {
    return errors;
  }

  @Override
  public boolean countsAsFailure() {
    return false;
  }
}
