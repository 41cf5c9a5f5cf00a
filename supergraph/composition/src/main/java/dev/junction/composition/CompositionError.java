package dev.junction.composition;

import java.util.List;

/**
 * A composition error, with Apollo's error code where one exists.
 *
 * @param code error code, e.g. {@code INVALID_FIELD_SHARING}
 * @param subgraphs the subgraphs involved
 * @param coordinate the schema coordinate ({@code Type} or {@code Type.field}), or empty
 * @param message what is wrong and what to change
 */
public record CompositionError(
    String code, List<String> subgraphs, String coordinate, String message) {

  @Override
  public String toString() {
    return code
        + (coordinate.isEmpty() ? "" : " [" + coordinate + "]")
        + (subgraphs.isEmpty() ? "" : " " + subgraphs)
        + ": "
        + message;
  }
}
