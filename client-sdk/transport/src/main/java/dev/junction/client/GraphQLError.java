package dev.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a response's {@code errors}.
 *
 * @param message the error message
 * @param path the response path (field names and list indexes); empty for request errors
 * @param code {@code extensions.code}, or null
 * @param extensions the raw {@code extensions} object, or null
 */
public record GraphQLError(String message, List<Object> path, String code, JsonNode extensions) {
  /** Copies the path. */
  public GraphQLError {
    path = List.copyOf(path);
  }

  /** {@code extensions.code}, if any. */
  public Optional<String> codeOptional() {
    return Optional.ofNullable(code);
  }
}
