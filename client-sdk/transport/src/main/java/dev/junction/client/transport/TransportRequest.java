package dev.junction.client.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP POST of a GraphQL request.
 *
 * @param uri the GraphQL endpoint
 * @param headers request headers (single-valued)
 * @param body the JSON body
 * @param timeout the time allowed for the whole exchange
 */
public record TransportRequest(
    URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
  /** Validates and copies the headers. */
  public TransportRequest {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(timeout, "timeout");
    headers = Map.copyOf(headers);
  }
}
