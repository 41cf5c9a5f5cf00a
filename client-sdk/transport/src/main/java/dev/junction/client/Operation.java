package dev.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A GraphQL operation with its typed response model; implemented by generated classes.
 *
 * @param <D> the type of the response {@code data}
 */
public interface Operation<D> {
  /** The normalised document sent to the server (the persisted query body). */
  String document();

  /** The operation name. */
  String operationName();

  /** SHA-256 (hex) of {@link #document()}: the persisted query id. */
  String operationId();

  /** Query, mutation or subscription. */
  OperationType type();

  /** The variables as a JSON object (a fresh copy on each call). */
  ObjectNode variables();

  /**
   * Parses the response {@code data} object into the typed model.
   *
   * @throws dev.junction.client.transport.InvalidResponseException if the data does not have the
   *     selected shape
   */
  D parseData(JsonNode data);

  /**
   * Whether the document uses {@code @defer}: the client then asks for an incremental ({@code
   * multipart/mixed}) response and returns after the primary part.
   */
  default boolean incremental() {
    return false;
  }
}
