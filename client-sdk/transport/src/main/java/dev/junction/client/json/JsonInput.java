package dev.junction.client.json;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A generated GraphQL input object: serialises itself (null fields omitted). */
public interface JsonInput {
  /** The input as a JSON object. */
  ObjectNode toJson();
}
