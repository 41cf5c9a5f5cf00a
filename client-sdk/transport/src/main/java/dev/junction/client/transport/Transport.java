package dev.junction.client.transport;

/**
 * Sends one HTTP request and returns the response, whatever its status. Implementations map I/O
 * failures to {@link TransportTimeoutException}, {@link TransportConnectException} or {@link
 * TransportIoException}; retries, circuit breaking and GraphQL semantics live above this interface,
 * in {@link dev.junction.client.GraphQLClient}.
 */
@FunctionalInterface
public interface Transport {
  /** Sends the request, honouring {@link TransportRequest#timeout()} for the whole exchange. */
  TransportResponse send(TransportRequest request);
}
