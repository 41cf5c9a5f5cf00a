package dev.junction.client.generator;

import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import java.util.Map;

/**
 * A validated operation ready for generation.
 *
 * @param name the operation name
 * @param source the file it came from
 * @param document the normalised document (operation first, then its fragments by name, with {@code
 *     __typename} added on abstract selections)
 * @param text the compact print of {@code document}: what is sent and persisted
 * @param id SHA-256 hex of {@code text}
 * @param operation the operation definition inside {@code document}
 * @param fragments the fragments inside {@code document}, by name
 */
public record CompiledOperation(
    String name,
    String source,
    Document document,
    String text,
    String id,
    OperationDefinition operation,
    Map<String, FragmentDefinition> fragments) {

  /** {@code query}, {@code mutation} or {@code subscription}. */
  public String type() {
    return operation.getOperation().name().toLowerCase(java.util.Locale.ROOT);
  }
}
