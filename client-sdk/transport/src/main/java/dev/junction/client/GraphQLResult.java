package dev.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A GraphQL response as a value: {@code data} (possibly partial, possibly null) and {@code errors}
 * together.
 *
 * @param data the typed data, or null when the server returned none
 * @param errors the errors (empty when none)
 * @param extensions the response {@code extensions}, or null
 * @param <D> the data type
 */
public record GraphQLResult<D>(D data, List<GraphQLError> errors, JsonNode extensions) {
  /** Copies the errors. */
  public GraphQLResult {
    errors = List.copyOf(errors);
  }

  /** The data, if any. */
  public Optional<D> dataOptional() {
    return Optional.ofNullable(data);
  }

  /** Whether the response carried errors. */
  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** Data and errors together: some fields resolved, some failed. */
  public boolean isPartial() {
    return data != null && !errors.isEmpty();
  }
}
