package dev.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.client.transport.InvalidResponseException;
import java.util.ArrayList;
import java.util.List;

final class ErrorParsing {
  private ErrorParsing() {}

  static GraphQLError error(JsonNode error) {
    if (!error.isObject() || !error.path("message").isTextual()) {
      throw new InvalidResponseException("an error has no 'message': " + error);
    }
    List<Object> path = new ArrayList<>();
    JsonNode pathNode = error.path("path");
    if (pathNode.isArray()) {
      for (JsonNode segment : pathNode) {
        if (segment.isInt()) {
          path.add(segment.intValue());
        } else if (segment.isTextual()) {
          path.add(segment.textValue());
        } else {
          throw new InvalidResponseException("invalid error path segment: " + segment);
        }
      }
    }
    JsonNode extensions = error.get("extensions");
    String code = null;
    if (extensions != null && extensions.path("code").isTextual()) {
      code = extensions.get("code").textValue();
    }
    return new GraphQLError(
        error.get("message").textValue(),
        path,
        code,
        extensions == null || extensions.isNull() ? null : extensions);
  }
}
